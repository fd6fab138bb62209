package io.revbot.ingest;

/** Hears how a sync advances; the CLI draws a progress bar from it. Called on the syncing thread. */
public interface IngestProgress {
    /** The tree was read: {@code toEmbed} chunks need embedding, of {@code total}. */
    default void planned(int toEmbed, int total) {}

    /** {@code count} more chunks were embedded and stored. */
    default void embedded(int count) {}

    /** A file was skipped (unreadable or malformed); its chunks stay as they were. */
    default void skipped(String document, String reason) {}

    IngestProgress NONE = new IngestProgress() {};
}
