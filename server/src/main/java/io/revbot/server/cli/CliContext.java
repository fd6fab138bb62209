package io.revbot.server.cli;

import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What a command needs: configuration (bound on first use, so {@code --help} works with a broken config) and
 * the components built from it. Flags that override settings go through {@link #override}.
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> environment;
    private final Map<String, String> flags = new HashMap<>();
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private Components components;

    CliContext(Map<String, String> environment, Clock clock, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** A flag wins over the environment and {@code revbot.yaml}; call before {@link #components()}. */
    public void override(String key, String value) {
        if (components != null) {
            throw new IllegalStateException("override " + key + " before the components are built");
        }
        flags.put(key, value);
    }

    public synchronized Components components() {
        if (components == null) {
            Config config = Config.from(Settings.load(environment, flags));
            components = new Components(config, clock);
        }
        return components;
    }

    public Clock clock() {
        return clock;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    @Override
    public synchronized void close() {
        if (components != null) {
            components.close();
        }
    }
}
