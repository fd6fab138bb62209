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
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Keeps the store in step with the folder while the server runs: one sync at start (it embeds nothing when the tree
 * has not changed), then a sync after each burst of edits, once the folder has been quiet for the debounce period.
 * New sub-folders are watched as they appear. Runs on one virtual thread; {@link #close()} stops it.
 */
public final class KnowledgeWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KnowledgeWatcher.class.getName());

    private final KnowledgeBase knowledgeBase;
    private final Duration debounce;
    private final AtomicReference<IngestSummary> last = new AtomicReference<>();
    private volatile WatchService watchService;
    private volatile Thread thread;

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
    public java.util.Optional<IngestSummary> lastSync() {
        return java.util.Optional.ofNullable(last.get());
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
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "knowledge watcher stopped: " + e.getMessage(), e);
        }
    }

    private void drain(WatchKey key) throws IOException {
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
                Path changed = dir.resolve(name);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                    registerTree(changed);
                }
            }
        }
        key.reset();
    }

    private void sync(String why) {
        try {
            IngestSummary summary = knowledgeBase.ingest(false, IngestProgress.NONE);
            last.set(summary);
            LOG.log(System.Logger.Level.INFO, "knowledge base (" + why + "): " + summary.line());
        } catch (RuntimeException e) {
            // A broken file or a database hiccup must not stop the watcher; the next edit retries.
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
