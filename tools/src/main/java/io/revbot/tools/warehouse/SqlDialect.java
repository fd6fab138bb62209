package io.revbot.tools.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL dialect of a warehouse and what model-written SQL may use in it: the functions, table functions and cast
 * types listed as safe for analytics in {@code allowed/<dialect>.txt} (next to this class), and whether
 * {@code SHOW TABLES} / {@code DESCRIBE} exist. {@link #STANDARD} is for any other JDBC database: only what all
 * three listed dialects allow, and no SHOW or DESCRIBE.
 */
public enum SqlDialect {
    DUCKDB("DuckDB", "duckdb", true),
    POSTGRESQL("PostgreSQL", "postgresql", false),
    FIREBOLT("Firebolt", "firebolt", true),
    STANDARD("standard SQL", null, false);

    private final String displayName;
    private final boolean showAndDescribe;
    private final Map<String, Set<String>> sections;

    SqlDialect(String displayName, String file, boolean showAndDescribe) {
        this.displayName = displayName;
        this.showAndDescribe = showAndDescribe;
        this.sections = file == null ? null : load(file);
    }

    /** The dialect of a JDBC URL: PostgreSQL, DuckDB and Firebolt by their driver prefix, else {@link #STANDARD}. */
    public static SqlDialect forJdbcUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (lower.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        if (lower.startsWith("jdbc:firebolt:")) {
            return FIREBOLT;
        }
        return STANDARD;
    }

    /** For messages: "DuckDB", "PostgreSQL", "Firebolt", "standard SQL". */
    public String displayName() {
        return displayName;
    }

    /** Whether {@code SHOW TABLES} and {@code DESCRIBE <table>} are allowed (they exist in DuckDB and Firebolt). */
    boolean showAndDescribe() {
        return showAndDescribe;
    }

    /** A scalar, aggregate or window function that only computes on its arguments. */
    boolean allowsFunction(String lowerCaseName) {
        return section("function").contains(lowerCaseName);
    }

    /** A function that may stand in FROM: it generates rows and reads nothing. */
    boolean allowsTableFunction(String lowerCaseName) {
        return section("table").contains(lowerCaseName);
    }

    /** A type that a CAST (or {@code ::}) may name, lower case with single spaces. */
    boolean allowsCastType(String lowerCaseName) {
        return section("type").contains(lowerCaseName);
    }

    /** Every name of one section ({@code function}, {@code table}, {@code type}); for tests and docs. */
    Set<String> section(String name) {
        if (sections == null) {
            Set<String> common = new HashSet<>(DUCKDB.section(name));
            common.retainAll(POSTGRESQL.section(name));
            common.retainAll(FIREBOLT.section(name));
            return Set.copyOf(common);
        }
        return sections.getOrDefault(name, Set.of());
    }

    private static Map<String, Set<String>> load(String file) {
        String resource = "allowed/" + file + ".txt";
        try (InputStream in = SqlDialect.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Map<String, Set<String>> sections = new HashMap<>();
            Set<String> current = null;
            for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = raw.indexOf('#');
                String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new HashSet<>());
                } else if (current == null) {
                    throw new IllegalStateException(resource + ": a name before the first [section]: " + line);
                } else {
                    current.add(line.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
                }
            }
            Map<String, Set<String>> frozen = new HashMap<>();
            sections.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
            return Map.copyOf(frozen);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
