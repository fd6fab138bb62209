package io.revbot.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Brings a store in step with the knowledge-base folder. Each chunk has a stable id (document, heading path,
 * ordinal) and a content hash: only chunks whose hash changed or that are new are embedded; chunks no longer in the
 * tree are removed. A file that cannot be read or parsed, is larger than {@link FileLimits#maxBytes()} or nests
 * deeper than {@link FileLimits#maxNesting()} is skipped (reported, and its previous chunks kept); whatever one file
 * does, even overflowing the parser's stack, the other files are read. {@code full} empties the store first (and
 * adopts the configured model). One sync at a time.
 */
public final class KnowledgeIngestor {
    static final int BATCH = 32;

    private final Path root;
    private final Chunker chunker;
    private final Embedder embedder;
    private final KnowledgeStore store;
    private final FileLimits limits;

    public KnowledgeIngestor(Path root, Chunker chunker, Embedder embedder, KnowledgeStore store, FileLimits limits) {
        this.root = Objects.requireNonNull(root, "root");
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public KnowledgeIngestor(Path root, Chunker chunker, Embedder embedder, KnowledgeStore store) {
        this(root, chunker, embedder, store, FileLimits.DEFAULT);
    }

    public Path root() {
        return root;
    }

    public synchronized IngestSummary sync(boolean full, IngestProgress progress) {
        long started = System.nanoTime();
        Plan plan = plan(full, progress);
        progress.planned(plan.toEmbed.size(), plan.treeChunks);
        for (int from = 0; from < plan.toEmbed.size(); from += BATCH) {
            List<Chunk> batch = plan.toEmbed.subList(from, Math.min(plan.toEmbed.size(), from + BATCH));
            List<float[]> vectors =
                    embedder.embedAll(batch.stream().map(Chunk::embeddingText).toList());
            List<StoredChunk> rows = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                rows.add(StoredChunk.of(batch.get(i), vectors.get(i)));
            }
            store.upsert(rows);
            progress.embedded(batch.size());
        }
        store.remove(plan.gone);
        store.flush();
        return new IngestSummary(
                plan.added, plan.updated, plan.gone.size(), plan.unchanged, (System.nanoTime() - started) / 1e9);
    }

    /**
     * How far the store is from the folder, without changing or embedding anything: what {@link #sync} would embed
     * and remove now. Skipped files are reported to {@code progress}.
     */
    public synchronized KnowledgeFreshness freshness(IngestProgress progress) {
        Plan plan = plan(false, progress);
        return new KnowledgeFreshness(plan.treeChunks, plan.added, plan.updated, plan.gone.size(), plan.skipped);
    }

    /** What a sync has to do: reads the tree, opens the store ({@code full}: emptied) and compares. */
    private Plan plan(boolean full, IngestProgress progress) {
        if (!Files.isDirectory(root)) {
            throw new io.revbot.tools.ConfigurationException(
                    "REVBOT_KNOWLEDGE_DIR", "knowledge-base folder " + root.toAbsolutePath() + " does not exist");
        }
        Set<String> skipped = new HashSet<>();
        Map<UUID, Chunk> desired = readTree(progress, skipped);
        store.open(embedder.id(), full);
        Map<UUID, StoredState> stored = store.states();

        List<Chunk> toEmbed = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (Map.Entry<UUID, Chunk> e : desired.entrySet()) {
            StoredState state = stored.get(e.getKey());
            if (state == null) {
                added++;
                toEmbed.add(e.getValue());
            } else if (!state.contentHash().equals(e.getValue().contentHash())) {
                updated++;
                toEmbed.add(e.getValue());
            } else {
                unchanged++;
            }
        }
        List<UUID> gone = stored.entrySet().stream()
                .filter(e -> !desired.containsKey(e.getKey()))
                .filter(e -> !skipped.contains(e.getValue().document()))
                .map(Map.Entry::getKey)
                .toList();
        return new Plan(desired.size(), toEmbed, added, updated, unchanged, gone, skipped.size());
    }

    private record Plan(
            int treeChunks, List<Chunk> toEmbed, int added, int updated, int unchanged, List<UUID> gone, int skipped) {}

    /** Every chunk of every ingestible file, by id. Hidden files and folders (names starting with a dot) are skipped. */
    private Map<UUID, Chunk> readTree(IngestProgress progress, Set<String> skipped) {
        Map<UUID, Chunk> chunks = new LinkedHashMap<>();
        for (Path file : files()) {
            String document = documentName(file);
            try {
                Map<UUID, Chunk> fileChunks = new LinkedHashMap<>();
                for (Chunk chunk : chunksOf(file, document)) {
                    if (fileChunks.put(chunk.id(), chunk) != null || chunks.containsKey(chunk.id())) {
                        throw new IllegalStateException("two chunks with the same place: " + chunk.headingPath());
                    }
                }
                chunks.putAll(fileChunks);
            } catch (IOException | RuntimeException e) {
                skip(document, e.getMessage(), skipped, progress);
            } catch (StackOverflowError e) {
                skip(document, "too deeply nested to parse", skipped, progress);
            }
        }
        return chunks;
    }

    private List<Chunk> chunksOf(Path file, String document) throws IOException {
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new IOException(
                    document + " is " + size + " bytes; files over " + limits.maxBytes() + " bytes are" + " not read");
        }
        return chunker.chunk(document, Files.readString(file, StandardCharsets.UTF_8));
    }

    private static void skip(String document, String reason, Set<String> skipped, IngestProgress progress) {
        skipped.add(document);
        progress.skipped(document, reason == null || reason.isBlank() ? "could not be read" : reason);
    }

    private List<Path> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Chunker.accepts(p.getFileName().toString()))
                    .filter(p -> !hidden(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    String documentName(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
