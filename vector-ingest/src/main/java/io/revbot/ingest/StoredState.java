package io.revbot.ingest;

/** What a store knows about a chunk without loading it: its document and content hash. */
public record StoredState(String document, String contentHash) {}
