package io.revbot.tools.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Searches the company's knowledge base (rules, schema, SQL patterns, workflows, ICP). Adapters live in
 * {@code vector-ingest}: a hybrid of vector similarity and keyword match over pgvector, or over an in-memory index in
 * embedded mode. Implementations are thread-safe.
 */
public interface KnowledgeSearch {

    /**
     * The best chunks for {@code query}, best first.
     *
     * @param k how many hits at most (1–50)
     * @param folder restrict to one top-level folder, e.g. {@code schema} or {@code sql_patterns}
     * @throws io.revbot.tools.UpstreamException when the store cannot be reached
     */
    List<KnowledgeHit> search(String query, int k, Optional<String> folder);
}
