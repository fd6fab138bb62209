package io.revbot.ingest;

import io.revbot.tools.knowledge.KnowledgeHit;
import io.revbot.tools.knowledge.KnowledgeSearch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The knowledge base as the composition root sees it: a folder, an embedding model and a store, with the ingestor,
 * the search and the watcher built on them. Nothing happens at construction: the model loads and the store connects
 * on the first ingest or search.
 */
public final class KnowledgeBase implements AutoCloseable {
    private final Path root;
    private final Supplier<Embedder> embedderFactory;
    private final KnowledgeStore store;
    private final String description;
    private final FileLimits limits;
    private Embedder embedder;
    private boolean open;

    public KnowledgeBase(
            Path root, Supplier<Embedder> embedder, KnowledgeStore store, String description, FileLimits limits) {
        this.root = Objects.requireNonNull(root, "root");
        this.embedderFactory = Objects.requireNonNull(embedder, "embedder");
        this.store = Objects.requireNonNull(store, "store");
        this.description = Objects.requireNonNull(description, "description");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public KnowledgeBase(Path root, Supplier<Embedder> embedder, KnowledgeStore store, String description) {
        this(root, embedder, store, description, FileLimits.DEFAULT);
    }

    /** Embedded mode: the in-memory store persisted to {@code home/knowledge/index.json.gz}. */
    public static KnowledgeBase embedded(Path root, Path home, Supplier<Embedder> embedder) {
        Path file = home.resolve("knowledge").resolve("index.json.gz");
        return new KnowledgeBase(root, embedder, InMemoryKnowledgeStore.persistedIn(file), "in-memory index " + file);
    }

    /** Production: PostgreSQL with pgvector at {@code jdbcUrl} (REVBOT_VECTOR_DATABASE_URL). */
    public static KnowledgeBase pgvector(Path root, String jdbcUrl, Supplier<Embedder> embedder) {
        return new KnowledgeBase(
                root,
                embedder,
                new PgVectorKnowledgeStore(jdbcUrl, PgVectorKnowledgeStore.DEFAULT_EF_SEARCH),
                "pgvector (" + redact(jdbcUrl) + ")");
    }

    /** The folder that is ingested. */
    public Path root() {
        return root;
    }

    /** For logs and {@code doctor}: where the chunks live. */
    public String describe() {
        return description;
    }

    /** Syncs the store with the folder ({@code full}: rebuild from scratch). */
    public IngestSummary ingest(boolean full, IngestProgress progress) {
        IngestSummary summary = new KnowledgeIngestor(
                        root, new Chunker(ChunkingOptions.DEFAULT, limits), embedder(), store, limits)
                .sync(full, progress);
        synchronized (this) {
            open = true;
        }
        return summary;
    }

    /** How many chunks the store holds. */
    public int size() {
        ensureOpen();
        return store.size();
    }

    /** How many chunks the store holds, once something opened it (an ingest or a search); empty before. */
    public OptionalInt storedChunks() {
        synchronized (this) {
            if (!open) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(store.size());
    }

    /**
     * Checks the store's backend without the embedding model (a start-up step): reachable, and able to hold vectors.
     * Returns what it runs on, e.g. "PostgreSQL 16.4 with pgvector 0.8.0".
     *
     * @throws io.revbot.tools.ConfigurationException for a PostgreSQL without pgvector, saying how to fix it
     */
    public String checkStore() {
        return store.check().orElse(description);
    }

    /** Whether the store holds the folder's chunks as they are now; embeds nothing (for {@code doctor}). */
    public KnowledgeFreshness freshness() {
        KnowledgeFreshness freshness = new KnowledgeIngestor(
                        root, new Chunker(ChunkingOptions.DEFAULT, limits), embedder(), store, limits)
                .freshness(IngestProgress.NONE);
        synchronized (this) {
            open = true;
        }
        return freshness;
    }

    /** The hybrid search over this knowledge base; the port the agents' {@code knowledge_search} tool uses. */
    public KnowledgeSearch search() {
        return this::searchHybrid;
    }

    /** Ingests on start and on every change of the folder; for {@code serve}. */
    public KnowledgeWatcher watcher() {
        return new KnowledgeWatcher(this, Duration.ofSeconds(2));
    }

    private List<KnowledgeHit> searchHybrid(String query, int k, Optional<String> folder) {
        ensureOpen();
        return new HybridKnowledgeSearch(store, embedder(), HybridKnowledgeSearch.Mode.HYBRID).search(query, k, folder);
    }

    private synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = embedderFactory.get();
        }
        return embedder;
    }

    private synchronized void ensureOpen() {
        if (!open) {
            store.open(embedder().id(), false);
            open = true;
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static String redact(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
