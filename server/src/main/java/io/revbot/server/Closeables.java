package io.revbot.server;

import java.util.ArrayList;
import java.util.List;

/**
 * What the components opened, one list shared by every section factory. A component registers itself when it is
 * built, after whatever it was built from, so closing in reverse order of registration closes each component before
 * the ones it uses, whichever section built them.
 */
final class Closeables implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Registers something to close when the components are closed (in reverse order of registration). */
    <T extends AutoCloseable> T add(T closeable) {
        synchronized (opened) {
            opened.add(closeable);
        }
        return closeable;
    }

    /** Closes everything registered, last registered first; a failure is logged and the rest are still closed. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (opened) {
            toClose = new ArrayList<>(opened);
            opened.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.getLogger(Components.class.getName())
                        .log(System.Logger.Level.WARNING, "closing " + toClose.get(i) + " failed: " + e);
            }
        }
    }
}
