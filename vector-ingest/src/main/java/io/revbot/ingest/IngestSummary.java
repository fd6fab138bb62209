package io.revbot.ingest;

import java.util.Locale;

/**
 * What one sync did, counted in chunks: {@code added} (new, embedded), {@code updated} (same place, new text,
 * re-embedded), {@code removed} (gone from the tree), {@code unchanged} (hash equal, not embedded again), and how
 * long it took.
 */
public record IngestSummary(int added, int updated, int removed, int unchanged, double seconds) {

    /** Chunks sent to the embedding model. */
    public int embedded() {
        return added + updated;
    }

    /** The summary line of {@code revbot ingest}. */
    public String line() {
        return String.format(
                Locale.ROOT,
                "ingest: %d added, %d updated, %d removed, %d unchanged chunks in %.1f s",
                added,
                updated,
                removed,
                unchanged,
                seconds);
    }

    /** Exactly the keys added, updated, removed, unchanged and seconds. */
    public String json() {
        return String.format(
                Locale.ROOT,
                "{\"added\":%d,\"updated\":%d,\"removed\":%d,\"unchanged\":%d,\"seconds\":%.3f}",
                added,
                updated,
                removed,
                unchanged,
                seconds);
    }
}
