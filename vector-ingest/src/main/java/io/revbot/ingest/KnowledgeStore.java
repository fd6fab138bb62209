package io.revbot.ingest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where chunks and their vectors live: {@link InMemoryKnowledgeStore} (embedded, persisted to a file) or {@link
 * PgVectorKnowledgeStore} (PostgreSQL with pgvector). Both answer a vector search and a keyword search; {@link
 * HybridKnowledgeSearch} fuses the two. Implementations are thread-safe.
 */
public interface KnowledgeStore extends AutoCloseable {

    /**
     * Prepares the store for vectors of {@code model}: creates it when needed, records the model in an empty store,
     * and refuses a store that holds another model's vectors. With {@code rebuild}, the store is emptied first and
     * takes the new model. Call before anything else.
     *
     * @throws io.revbot.tools.ConfigurationException when the store holds vectors of another model and {@code rebuild}
     *     is false
     */
    void open(EmbeddingModelId model, boolean rebuild);

    /**
     * Checks that the store can be used, without creating or changing anything, and says what it runs on (for start-up
     * and {@code doctor}).
     *
     * @throws io.revbot.tools.ConfigurationException when the store's backend cannot hold knowledge (a PostgreSQL
     *     without pgvector)
     */
    default Optional<String> check() {
        return Optional.empty();
    }

    /** The model of the stored vectors, if the store has one. */
    Optional<EmbeddingModelId> model();

    /** Every stored chunk id with its document and content hash. */
    Map<UUID, StoredState> states();

    /** Inserts chunks, replacing those with the same id. */
    void upsert(List<StoredChunk> chunks);

    /** Removes chunks by id; unknown ids are ignored. */
    void remove(Collection<UUID> ids);

    /** The {@code k} chunks nearest to {@code vector} by cosine similarity (score in [0, 1]). */
    List<ScoredChunk> nearest(float[] vector, int k, Optional<String> folder);

    /** The {@code k} chunks that best match the words of {@code query} (BM25 or PostgreSQL full-text rank). */
    List<ScoredChunk> keyword(String query, int k, Optional<String> folder);

    /** How many chunks are stored. */
    int size();

    /** Makes the writes so far durable (the in-memory store writes its file; PostgreSQL commits as it goes). */
    default void flush() {}

    @Override
    void close();
}
