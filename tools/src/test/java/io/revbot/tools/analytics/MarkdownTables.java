package io.revbot.tools.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads the pipe tables of a knowledge-base markdown file, found by their header row. */
final class MarkdownTables {
    private final List<List<List<String>>> tables = new ArrayList<>();
    private final String name;

    private MarkdownTables(String name, List<String> lines) {
        this.name = name;
        List<List<String>> current = null;
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("|")) {
                List<String> cells = cells(t);
                if (cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
                    continue;
                }
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(cells);
            } else {
                current = null;
            }
        }
    }

    /** {@code knowledge_base/<relative>}, looked up from the working directory upwards. */
    static MarkdownTables read(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("knowledge_base"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no knowledge_base directory above " + Path.of("").toAbsolutePath());
        }
        try {
            return new MarkdownTables(
                    relative, Files.readAllLines(dir.resolve("knowledge_base").resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body rows of the table whose header is exactly {@code header} (case-insensitive). */
    List<List<String>> rows(String... header) {
        List<String> wanted =
                Arrays.stream(header).map(h -> h.toLowerCase(Locale.ROOT)).toList();
        for (List<List<String>> table : tables) {
            List<String> head = table.getFirst().stream()
                    .map(h -> h.toLowerCase(Locale.ROOT))
                    .toList();
            if (head.equals(wanted)) {
                return table.subList(1, table.size());
            }
        }
        throw new AssertionError(name + " has no table with header " + wanted);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }
}
