/**
 * The knowledge base as a tool: the {@link io.revbot.tools.knowledge.KnowledgeSearch} port (implemented in
 * {@code vector-ingest} over pgvector or an in-memory index) and {@link io.revbot.tools.knowledge.KnowledgeTools},
 * which gives every agent {@code knowledge_search} and reports each cited chunk to the run.
 */
package io.revbot.tools.knowledge;
