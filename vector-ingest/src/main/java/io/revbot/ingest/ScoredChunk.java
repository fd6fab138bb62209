package io.revbot.ingest;

/** A chunk found by one of a store's searches, with that search's score (higher is better). */
public record ScoredChunk(Chunk chunk, double score) {}
