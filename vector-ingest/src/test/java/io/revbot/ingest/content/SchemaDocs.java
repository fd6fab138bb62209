package io.revbot.ingest.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps {@code knowledge_base/schema/<table>.md} in step with the warehouse schema ({@code schema.sql}): the column
 * table between the {@code <!-- columns: ... -->} and {@code <!-- /columns -->} markers is regenerated from the live
 * catalog (names, order, types), keeping the descriptions people wrote and falling back to the comment in
 * {@code schema.sql} for new columns. {@link SchemaDocsTest} fails when a file is out of step; run
 * {@code mvn -pl vector-ingest -am test -Dtest=SchemaDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drevbot.schemaDocs=write} to rewrite them.
 */
final class SchemaDocs {
    static final String SCHEMA_RESOURCE = "/io/revbot/tools/demo/schema.sql";
    static final String HEADER = "| column | type | description |";
    static final String BEGIN = "<!-- columns: generated from tools/src/main/resources/io/revbot/tools/demo/schema.sql"
            + " by SchemaDocs; edit descriptions freely, names and types are rewritten -->";
    static final String END = "<!-- /columns -->";

    record Column(String name, String type, String comment) {}

    private SchemaDocs() {}

    static String schemaSql() {
        try (InputStream in = SchemaDocs.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An in-memory DuckDB with the warehouse schema loaded (empty tables). */
    static Connection emptyWarehouse() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute(schemaSql());
        }
        return c;
    }

    /** Tables and their columns, in declaration order, as the database reports them. */
    static Map<String, List<Column>> liveSchema() throws SQLException {
        Map<String, String> comments = columnComments(schemaSql());
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        try (Connection c = emptyWarehouse();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT table_name, column_name, data_type FROM information_schema.columns"
                                + " WHERE table_schema = 'main' ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                String table = rs.getString(1);
                String column = rs.getString(2);
                tables.computeIfAbsent(table, t -> new ArrayList<>())
                        .add(new Column(column, rs.getString(3), comments.getOrDefault(table + "." + column, "")));
            }
        }
        return tables;
    }

    /** The trailing {@code -- comment} of each column line in {@code schema.sql}, keyed {@code table.column}. */
    static Map<String, String> columnComments(String sql) {
        Map<String, String> comments = new LinkedHashMap<>();
        String table = null;
        for (String raw : sql.lines().toList()) {
            String line = raw.strip();
            if (line.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE ")) {
                table = line.substring("CREATE TABLE ".length())
                        .split("[ (]")[0]
                        .strip();
                continue;
            }
            if (table == null || line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            if (line.startsWith(")")) {
                table = null;
                continue;
            }
            int dash = line.indexOf("--");
            if (dash > 0) {
                String column = line.substring(0, line.indexOf(' ')).strip();
                comments.put(table + "." + column, line.substring(dash + 2).strip());
            }
        }
        return comments;
    }

    /** The descriptions already written in a document's column table, keyed by column name. */
    static Map<String, String> documentedColumns(String markdown) {
        Map<String, String> described = new LinkedHashMap<>();
        int begin = markdown.indexOf(BEGIN);
        int end = markdown.indexOf(END);
        if (begin < 0 || end < begin) {
            return described;
        }
        for (String line : markdown.substring(begin, end).lines().toList()) {
            if (!line.startsWith("|") || line.equals(HEADER) || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length >= 4) {
                described.put(cells[1].strip(), cells[3].strip());
            }
        }
        return described;
    }

    /** The document with its generated column table rewritten from {@code columns}. */
    static String regenerate(String table, String markdown, List<Column> columns) {
        Map<String, String> described = documentedColumns(markdown);
        StringBuilder section =
                new StringBuilder(BEGIN).append('\n').append(HEADER).append("\n|---|---|---|\n");
        for (Column c : columns) {
            String description = described.getOrDefault(c.name(), "");
            if (description.isEmpty()) {
                description = c.comment();
            }
            section.append("| ")
                    .append(c.name())
                    .append(" | ")
                    .append(c.type())
                    .append(" | ")
                    .append(description)
                    .append(" |\n");
        }
        section.append(END);
        int begin = markdown.indexOf(BEGIN);
        int end = markdown.indexOf(END);
        if (begin < 0 || end < begin) {
            String skeleton = markdown.isBlank() ? "# " + table + "\n\nTODO: what one row means.\n" : markdown.strip();
            return skeleton + "\n\n## Columns\n\n" + section + "\n";
        }
        return markdown.substring(0, begin) + section + markdown.substring(end + END.length());
    }

    static void writeAll(Path schemaDir) throws IOException, SQLException {
        for (var entry : liveSchema().entrySet()) {
            Path file = schemaDir.resolve(entry.getKey() + ".md");
            String current = Files.exists(file) ? Files.readString(file) : "";
            String next = regenerate(entry.getKey(), current, entry.getValue());
            if (!next.equals(current)) {
                Files.writeString(file, next);
            }
        }
    }
}
