package io.revbot.ingest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Keeps the store in step with the folder while the server runs: one sync at start (it embeds nothing when the tree
 * has not changed), then a sync after each burst of edits, once the folder has been quiet for the debounce period.
 * New sub-folders are watched as they appear. Runs on one virtual thread; {@link #close()} stops it. No file stops
 * it: a file the ingestor skips, or a sync that fails, leaves the watcher running and its {@link #status()}
 * degraded until a later sync succeeds with every file read.
 */
public final class KnowledgeWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KnowledgeWatcher.class.getName());

    /** What health checks report. */
    public enum State {
        /** The first sync has not finished yet. */
        STARTING,
        /** The last sync read every file. */
        OK,
        /** The last sync skipped files or failed; search serves what the store holds. */
        DEGRADED,
        /** The watcher's thread ended: edits are no longer picked up. */
        STOPPED
    }

    /** A file the last sync did not read, and why. */
    public record SkippedFile(String document, String reason) {}

    /**
     * @param lastSync the summary of the last successful sync
     * @param skipped the files the last sync skipped
     * @param error why the last sync failed, when it did
     */
    public record Status(
            State state, Optional<IngestSummary> lastSync, List<SkippedFile> skipped, Optional<String> error) {
        public Status {
            skipped = List.copyOf(skipped);
        }
    }

    private final KnowledgeBase knowledgeBase;
    private final Duration debounce;
    private final AtomicReference<IngestSummary> last = new AtomicReference<>();
    private volatile List<SkippedFile> skipped = List.of();
    private volatile String lastError;
    private volatile WatchService watchService;
    private volatile Thread thread;
    private volatile boolean closed;

    KnowledgeWatcher(KnowledgeBase knowledgeBase, Duration debounce) {
        this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
    }

    /** Starts watching; returns at once. The first sync runs in the background. */
    public synchronized KnowledgeWatcher start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + knowledgeBase.root() + ": " + e.getMessage(), e);
        }
        thread = Thread.ofVirtual().name("knowledge-watcher").start(this::run);
        return this;
    }

    /** The summary of the latest sync, if one has finished. */
    public Optional<IngestSummary> lastSync() {
        return Optional.ofNullable(last.get());
    }

    /** Whether the knowledge base is in step with the folder, and if not which files or error keep it behind. */
    public Status status() {
        Thread running = thread;
        State state;
        if (running == null || !running.isAlive() && !closed) {
            state = running == null ? State.STARTING : State.STOPPED;
        } else if (lastError != null || !skipped.isEmpty()) {
            state = State.DEGRADED;
        } else if (last.get() == null) {
            state = State.STARTING;
        } else {
            state = State.OK;
        }
        return new Status(state, lastSync(), skipped, Optional.ofNullable(lastError));
    }

    private void run() {
        try {
            registerTree(knowledgeBase.root());
            sync("start");
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watchService.take();
                drain(key);
                // Debounce: wait until the folder has been quiet for a while, so a save of many files syncs once.
                WatchKey next;
                while ((next = watchService.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                sync("change");
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "knowledge watcher stopped: " + e.getMessage(), e);
        }
    }

    private void drain(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
                Path changed = dir.resolve(name);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                    try {
                        registerTree(changed);
                    } catch (IOException | RuntimeException e) {
                        // the folder went away again, or cannot be watched: its files are still read by the sync
                        LOG.log(System.Logger.Level.WARNING, "cannot watch " + changed + ": " + e.getMessage());
                    }
                }
            }
        }
        key.reset();
    }

    private void sync(String why) {
        List<SkippedFile> skippedNow = new ArrayList<>();
        IngestProgress progress = new IngestProgress() {
            @Override
            public void skipped(String document, String reason) {
                skippedNow.add(new SkippedFile(document, reason));
                LOG.log(System.Logger.Level.WARNING, "knowledge base: skipped " + document + ": " + reason);
            }
        };
        try {
            IngestSummary summary = knowledgeBase.ingest(false, progress);
            last.set(summary);
            skipped = List.copyOf(skippedNow);
            lastError = null;
            LOG.log(System.Logger.Level.INFO, "knowledge base (" + why + "): " + summary.line());
        } catch (RuntimeException | StackOverflowError e) {
            // A database hiccup (or a parser bug no file check caught) must not stop the watcher: the next edit
            // retries, and meanwhile health says the knowledge base is degraded.
            skipped = List.copyOf(skippedNow);
            lastError = String.valueOf(e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "knowledge base sync failed (" + why + "): " + e.getMessage(), e);
        }
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(
                        watchService,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the watch service: " + e.getMessage());
            }
        }
    }
}
