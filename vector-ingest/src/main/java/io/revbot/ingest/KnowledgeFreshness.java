package io.revbot.ingest;

import java.util.Locale;

/**
 * How far the knowledge store is from the knowledge-base folder, in chunks: what an ingest would embed ({@code toAdd},
 * {@code toUpdate}) and remove ({@code toRemove}) now. {@code skippedFiles} could not be read (their chunks are kept).
 */
public record KnowledgeFreshness(int treeChunks, int toAdd, int toUpdate, int toRemove, int skippedFiles) {

    /** Whether the store holds exactly the folder's chunks. */
    public boolean current() {
        return toAdd == 0 && toUpdate == 0 && toRemove == 0;
    }

    /** How many of the folder's chunks the store holds as they are now. */
    public int held() {
        return treeChunks - toAdd - toUpdate;
    }

    /** For {@code doctor}: "holds the folder's 412 chunks" or what is missing. */
    public String line() {
        String held = current()
                ? String.format(Locale.ROOT, "holds the folder's %d chunks", treeChunks)
                : String.format(
                        Locale.ROOT,
                        "holds %d of the folder's %d chunks as they are now (%d new, %d changed, %d to remove)",
                        held(),
                        treeChunks,
                        toAdd,
                        toUpdate,
                        toRemove);
        return skippedFiles == 0 ? held : held + String.format(Locale.ROOT, "; %d file(s) unreadable", skippedFiles);
    }
}
