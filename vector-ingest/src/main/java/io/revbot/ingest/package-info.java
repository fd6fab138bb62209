/**
 * The knowledge base's ingestion and retrieval: chunking markdown, JSON and YAML ({@link io.revbot.ingest.Chunker}),
 * embedding, the stores ({@link io.revbot.ingest.InMemoryKnowledgeStore} embedded, {@link
 * io.revbot.ingest.PgVectorKnowledgeStore} in production), incremental sync ({@link io.revbot.ingest.KnowledgeIngestor}),
 * hybrid search ({@link io.revbot.ingest.HybridKnowledgeSearch}) and the folder watcher for {@code serve}. {@link
 * io.revbot.ingest.KnowledgeBase} puts them together for the composition root.
 */
package io.revbot.ingest;
