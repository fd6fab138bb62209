package io.revbot.ingest;

import java.util.Objects;

/** A chunk as a store keeps it: the chunk, its content hash and its vector. */
public record StoredChunk(Chunk chunk, String contentHash, float[] vector) {
    public StoredChunk {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(vector, "vector");
    }

    static StoredChunk of(Chunk chunk, float[] vector) {
        return new StoredChunk(chunk, chunk.contentHash(), vector);
    }
}
