package io.revbot.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The current agent specs, re-read when their files change. {@link #load()} validates at start-up and throws;
 * {@link #current()} is called at the start of every run: when a file under the directory changed since the last
 * read it reads again, and when the new specs are invalid it keeps the previous ones and logs why, so a typo in
 * an edited prompt never takes a running server down.
 */
public final class AgentCatalog {
    private static final System.Logger LOG = System.getLogger(AgentCatalog.class.getName());

    private final Optional<Path> directory;
    private volatile Snapshot snapshot;

    private AgentCatalog(Optional<Path> directory) {
        this.directory = directory;
    }

    /** Specs from {@code directory} when present, else from the classpath. Reads nothing yet. */
    public static AgentCatalog of(Optional<Path> directory) {
        return new AgentCatalog(Objects.requireNonNull(directory, "directory"));
    }

    /** Reads and validates the specs now; throws {@link AgentSpecException} naming the file and field. */
    public synchronized Agents load() {
        Snapshot s = read();
        snapshot = s;
        return s.agents;
    }

    /** The specs, re-read if their files changed since the last read. */
    public Agents current() {
        Snapshot s = snapshot;
        if (s == null) {
            return load();
        }
        if (directory.isEmpty() || fingerprint(directory.get()).equals(s.fingerprint)) {
            return s.agents;
        }
        synchronized (this) {
            Snapshot latest = snapshot;
            List<String> now = fingerprint(directory.get());
            if (now.equals(latest.fingerprint)) {
                return latest.agents;
            }
            try {
                Snapshot fresh = read();
                snapshot = fresh;
                LOG.log(System.Logger.Level.INFO, "reloaded agent specs from " + directory.get());
                return fresh.agents;
            } catch (AgentSpecException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "edited agent specs are invalid, keeping the previous ones: " + e.getMessage());
                snapshot = new Snapshot(latest.agents, now);
                return latest.agents;
            }
        }
    }

    /** Where the specs come from, for logs and {@code doctor}. */
    public String describeSource() {
        return directory.map(Path::toString).orElse("classpath:agents/");
    }

    private Snapshot read() {
        if (directory.isEmpty()) {
            return new Snapshot(AgentLoader.fromClasspath(AgentCatalog.class.getClassLoader()), List.of());
        }
        Path dir = directory.get();
        List<String> before = fingerprint(dir);
        return new Snapshot(AgentLoader.fromDirectory(dir), before);
    }

    private static List<String> fingerprint(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try {
            for (Path file : AgentLoader.watchedFiles(dir)) {
                if (Files.exists(file)) {
                    FileTime modified = Files.getLastModifiedTime(file);
                    out.add(file + "@" + modified.toMillis() + ":" + Files.size(file));
                } else {
                    out.add(file + "@missing");
                }
            }
        } catch (IOException | RuntimeException e) {
            out.add("unreadable:" + e.getMessage());
        }
        return out;
    }

    private record Snapshot(Agents agents, List<String> fingerprint) {}
}
