package io.revbot.ingest;

/**
 * How large and how deeply nested a knowledge-base file may be before it is skipped with a warning. Parsers spend
 * time and stack in proportion to both: a 50 MB file took minutes of CPU, 3,000 nested list levels a minute and a
 * gigabyte, 200 KB of nested emphasis overflowed the stack. Real knowledge files are a few kilobytes, nested a few
 * levels.
 *
 * @param maxBytes the largest file read, in bytes
 * @param maxNesting the deepest nesting of markdown blocks and inlines, or of JSON and YAML values
 */
public record FileLimits(long maxBytes, int maxNesting) {
    public static final FileLimits DEFAULT = new FileLimits(1_000_000, 64);

    public FileLimits {
        if (maxBytes < 1 || maxNesting < 2) {
            throw new IllegalArgumentException("file limits must be positive: " + maxBytes + ", " + maxNesting);
        }
    }
}
