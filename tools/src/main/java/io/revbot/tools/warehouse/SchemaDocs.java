package io.revbot.tools.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge base's table docs, {@code knowledge_base/schema/<table>.md}: a summary paragraph and a markdown
 * table whose header row is {@code | column | type | description |}. Missing files simply mean no descriptions.
 */
final class SchemaDocs {
    private final Path schemaDir;

    SchemaDocs(Path knowledgeDir) {
        this.schemaDir = knowledgeDir.resolve("schema");
    }

    /** What the doc says about {@code table}, or empty when there is no doc. */
    Optional<TableDoc> table(String table) {
        if (!WarehouseTools.isPlainName(table)) {
            return Optional.empty();
        }
        Path file = schemaDir.resolve(table.toLowerCase(Locale.ROOT) + ".md");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    record TableDoc(String summary, Map<String, String> columns) {}

    static TableDoc parse(List<String> lines) {
        String summary = null;
        Map<String, String> columns = new LinkedHashMap<>();
        int descriptionCell = -1;
        int columnCell = -1;
        boolean inTable = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (!line.startsWith("|")) {
                inTable = false;
                if (summary == null && !line.isEmpty() && !line.startsWith("#") && columns.isEmpty()) {
                    summary = line;
                }
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                List<String> header =
                        cells.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
                columnCell = header.indexOf("column");
                descriptionCell = header.indexOf("description");
                inTable = columnCell >= 0 && descriptionCell >= 0;
                continue;
            }
            if (cells.stream().allMatch(c -> !c.isEmpty() && c.chars().allMatch(ch -> ch == '-' || ch == ':'))) {
                continue; // the separator row
            }
            if (cells.size() > Math.max(columnCell, descriptionCell)) {
                String name = cells.get(columnCell).replace("`", "").strip().toLowerCase(Locale.ROOT);
                columns.put(name, cells.get(descriptionCell));
            }
        }
        return new TableDoc(summary, columns);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        return java.util.Arrays.stream(inner.split("\\|", -1))
                .map(String::strip)
                .toList();
    }
}
