package io.revbot.ingest;

/**
 * Bounds of a chunk. Prose is packed up to {@code maxChars} and split at word boundaries beyond it, repeating up to
 * {@code overlapChars} of the previous chunk's prose; a code block or table longer than {@code maxChars} is kept
 * whole as a chunk of its own (splitting SQL or a table makes both halves useless).
 */
public record ChunkingOptions(int maxChars, int overlapChars) {
    /** About 250–350 MiniLM tokens of prose: under the model's input limit, with room for the heading path. */
    public static final ChunkingOptions DEFAULT = new ChunkingOptions(1200, 150);

    public ChunkingOptions {
        if (maxChars < 100) {
            throw new IllegalArgumentException("maxChars must be at least 100, got " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("overlapChars must be in [0, maxChars/2), got " + overlapChars);
        }
    }
}
