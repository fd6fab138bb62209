package io.revbot.server.config;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Raw key/value settings merged from {@code revbot.yaml}, the environment and flags, with typed accessors that
 * throw {@link ConfigurationException} naming the key. Records every key read, so unknown {@code REVBOT_*} keys
 * can be reported (a typo must not silently fall back to a default).
 */
public final class Settings {
    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();
    private final Set<String> secrets = new TreeSet<>();

    Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Settings from the given maps, later maps winning. */
    @SafeVarargs
    public static Settings of(Map<String, String>... layers) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map<String, String> layer : layers) {
            layer.forEach((k, v) -> {
                if (v != null) {
                    merged.put(k, v);
                }
            });
        }
        return new Settings(merged);
    }

    /**
     * Reads {@code revbot.yaml} (a flat map of the environment's keys, except {@code REVBOT_MCP_SERVERS}, a YAML
     * map; {@code REVBOT_CONFIG} names another file), then the environment, then {@code flags}.
     */
    public static Settings load(Map<String, String> environment, Map<String, String> flags) {
        String file = flags.getOrDefault("REVBOT_CONFIG", environment.getOrDefault("REVBOT_CONFIG", "revbot.yaml"));
        return of(
                readYaml(Path.of(file), flags.containsKey("REVBOT_CONFIG") || environment.containsKey("REVBOT_CONFIG")),
                environment,
                flags);
    }

    static Map<String, String> readYaml(Path path, boolean required) {
        if (!Files.exists(path)) {
            if (required) {
                throw new ConfigurationException("REVBOT_CONFIG", "file " + path + " does not exist");
            }
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(path)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map<?, ?> map)) {
                throw new ConfigurationException("REVBOT_CONFIG", path + " must be a map of KEY: value");
            }
            Map<String, String> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (STRUCTURED.contains(String.valueOf(k)) && (v instanceof Map<?, ?> || v instanceof List<?>)) {
                    // bound by its section from this text, the same form the environment gives (JSON is YAML)
                    out.put(String.valueOf(k), new Yaml().dump(v));
                    return;
                }
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    throw new ConfigurationException(
                            String.valueOf(k), "in " + path + ": expected a single value (use commas for lists)");
                }
                out.put(String.valueOf(k), v == null ? null : String.valueOf(v));
            });
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigurationException ce) {
                throw ce;
            }
            throw new ConfigurationException("REVBOT_CONFIG", "cannot read " + path + ": " + e.getMessage());
        }
    }

    public Optional<String> string(String key) {
        read.add(key);
        String v = values.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    public Optional<Secret> secret(String key) {
        secrets.add(key);
        return string(key).map(Secret::of);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                throw new ConfigurationException(key, "expected an integer from " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "expected an integer, got '" + v.get() + "'");
        }
    }

    /** Sizes as bytes ({@code 2000000}) or with a decimal unit: {@code 500KB}, {@code 2MB}, {@code 1GB}. */
    public long bytes(String key, long defaultValue, long min, long max) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("GB")) {
            unit = 1_000_000_000L;
        } else if (s.endsWith("MB")) {
            unit = 1_000_000L;
        } else if (s.endsWith("KB")) {
            unit = 1_000L;
        }
        String number =
                unit > 1 ? s.substring(0, s.length() - 2) : s.endsWith("B") ? s.substring(0, s.length() - 1) : s;
        number = number.strip();
        try {
            long n = Math.multiplyExact(Long.parseLong(number), unit);
            if (n < min || n > max) {
                throw new ConfigurationException(
                        key, "expected a size from " + min + " to " + max + " bytes, got " + n);
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException(key, "expected a size like 2000000, 500KB or 2MB, got '" + v.get() + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigurationException(key, "expected true or false, got '" + v.get() + "'");
        };
    }

    /** Durations as {@code 90s}, {@code 5m}, {@code 2h}, {@code 500ms} or ISO-8601 ({@code PT5M}). */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.startsWith("pt") || s.startsWith("p")) {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } else if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                throw new NumberFormatException();
            }
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException(key, "expected a positive duration, got '" + v.get() + "'");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigurationException(key, "expected a duration like 90s, 5m or PT5M, got '" + v.get() + "'");
        }
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, v.get().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(
                    " | ",
                    Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .toList());
            throw new ConfigurationException(key, "expected " + allowed + ", got '" + v.get() + "'");
        }
    }

    public Optional<URI> url(String key) {
        Optional<String> v = string(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(v.get());
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new ConfigurationException(key, "expected an http(s) URL, got '" + v.get() + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, "expected an http(s) URL, got '" + v.get() + "'");
        }
    }

    public Optional<String> jdbcUrl(String key) {
        Optional<String> v = string(key);
        v.ifPresent(s -> {
            if (!s.startsWith("jdbc:")) {
                throw new ConfigurationException(key, "expected a JDBC URL starting with jdbc:, got '" + s + "'");
            }
        });
        return v;
    }

    public List<String> list(String key) {
        return string(key)
                .map(s -> Arrays.stream(s.split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    public Path path(String key, Path defaultValue) {
        return string(key).map(Path::of).orElse(defaultValue);
    }

    /** {@code REVBOT_*} keys that were set but never read by the binding: almost always typos. */
    public Set<String> unknownRevbotKeys() {
        Set<String> unknown = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith("REVBOT_")
                    && !read.contains(key)
                    && !key.startsWith("REVBOT_TEST_")
                    && !IGNORED.contains(key)) {
                unknown.add(key);
            }
        }
        return unknown;
    }

    /** Every key the binding asked for as a secret, set or not (lets tests check that all of them are redacted). */
    public Set<String> secretKeysRead() {
        return new TreeSet<>(secrets);
    }

    /** Every key the binding asked for, set or not (lets tests check that deployment files use real keys). */
    public Set<String> keysRead() {
        return new TreeSet<>(read);
    }

    /** Keys whose value is a YAML structure in revbot.yaml (JSON in the environment). */
    private static final Set<String> STRUCTURED = Set.of("REVBOT_MCP_SERVERS");

    /** Keys the launcher and CI set that the application does not bind. */
    private static final Set<String> IGNORED = Set.of(
            "REVBOT_CONFIG",
            "REVBOT_JAVA_OPTS",
            "REVBOT_SOURCE_ROOT",
            "REVBOT_REQUIRE_DB",
            "REVBOT_REQUIRE_BROWSER",
            "REVBOT_DEBUG",
            "REVBOT_BENCH_DATABASE_URL");
}
