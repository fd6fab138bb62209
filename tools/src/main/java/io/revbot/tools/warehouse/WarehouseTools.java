package io.revbot.tools.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.warehouse.SchemaDocs.TableDoc;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The warehouse as the agents see it: run a read-only query, list the tables, describe one (with the knowledge
 * base's column descriptions), sample rows. Model-written SQL passes the {@link SqlGuard}; every failure comes back
 * to the model as a {@link ToolException} it can act on. Facts (SQL, rows, truncation, duration) go to the run
 * through {@link ToolObserver}.
 */
public final class WarehouseTools {
    static final int MAX_RESULT_CHARS = 40_000;
    /** Bytes of values {@code run_sql} fetches at most unless configured ({@code REVBOT_SQL_BYTE_LIMIT}). */
    public static final long DEFAULT_BYTE_LIMIT = 2_000_000;

    private static final int MAX_SAMPLE_ROWS = 20;
    /** Tables and columns of the current schema; warehouses without {@code current_schema()} get every schema. */
    private static final String TABLES_SQL =
            "SELECT DISTINCT table_name FROM information_schema.tables WHERE %s" + " ORDER BY table_name";

    private static final String COLUMNS_SQL = "SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE lower(table_name) = ? AND %s ORDER BY ordinal_position";
    private static final String CURRENT_SCHEMA = "table_schema = current_schema()";
    private static final String ANY_SCHEMA = "table_schema NOT IN ('information_schema', 'pg_catalog')";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;
    private final SqlGuard guard;
    private final SchemaDocs docs;
    private final int rowLimit;
    private final long byteLimit;
    private final Duration timeout;

    /**
     * @param knowledgeDir the knowledge base folder; table docs are read from its {@code schema/} subfolder
     * @param rowLimit rows returned at most per query ({@code REVBOT_SQL_ROW_LIMIT})
     * @param byteLimit bytes of values fetched at most per query ({@code REVBOT_SQL_BYTE_LIMIT})
     * @param timeout statement timeout ({@code REVBOT_SQL_TIMEOUT}), fetching included
     */
    public WarehouseTools(
            Warehouse warehouse, SqlGuard guard, Path knowledgeDir, int rowLimit, long byteLimit, Duration timeout) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.docs = new SchemaDocs(Objects.requireNonNull(knowledgeDir, "knowledgeDir"));
        this.rowLimit = rowLimit;
        this.byteLimit = byteLimit;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public WarehouseTools(Warehouse warehouse, SqlGuard guard, Path knowledgeDir, int rowLimit, Duration timeout) {
        this(warehouse, guard, knowledgeDir, rowLimit, DEFAULT_BYTE_LIMIT, timeout);
    }

    @Tool(
            name = "run_sql",
            value = "Runs one read-only SQL query (SELECT, WITH ... SELECT, SHOW, DESCRIBE or EXPLAIN) on the revenue"
                    + " warehouse and returns JSON: columns (name, type), rows as arrays, row_count and truncated."
                    + " Write, session and file statements, comments and multiple statements are refused with the"
                    + " reason. If truncated is true you only see the first rows: aggregate or filter instead."
                    + " Call list_tables and describe_table first when unsure of table or column names.")
    public String runSql(
            @P("The SQL query, e.g. SELECT stage_name, count(*) FROM opportunity_d GROUP BY 1. No comments, one"
                            + " statement, no trailing text.")
                    String sql) {
        String checked = checked(sql);
        ToolObserver observer = ToolObserver.current();
        observer.fact("sql", checked);
        QueryResult result = query(checked, List.of(), limits());
        ResultJson.Rendered rendered = ResultJson.render(result, MAX_RESULT_CHARS);
        observer.fact("rows", rendered.rows());
        observer.fact("truncated", rendered.truncated());
        if (result.truncatedAtBytes() > 0) {
            observer.fact("truncated_at_bytes", result.truncatedAtBytes());
        }
        observer.fact("duration_ms", result.duration().toMillis());
        return rendered.json();
    }

    @Tool(
            name = "list_tables",
            value = "Lists the warehouse's tables with a one-line description of each where the knowledge base has"
                    + " one. Use it to find where data lives before writing SQL.")
    public String listTables() {
        QueryResult result = schemaQuery(TABLES_SQL, List.of());
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode tables = root.putArray("tables");
        for (List<Object> row : result.rows()) {
            String name = String.valueOf(row.get(0));
            ObjectNode table = tables.addObject().put("name", name);
            docs.table(name).map(TableDoc::summary).ifPresent(summary -> table.put("description", summary));
        }
        ToolObserver.current().fact("rows", result.rows().size());
        return json(root);
    }

    @Tool(
            name = "describe_table",
            value = "Describes one table: its columns with their types and, where the knowledge base documents them,"
                    + " what each column means. Use it before writing SQL against a table you have not used yet.")
    public String describeTable(
            @P("The table name exactly as list_tables returns it, e.g. opportunity_d") String table) {
        String name = knownTable(table);
        QueryResult columns = schemaQuery(COLUMNS_SQL, List.of(name.toLowerCase(Locale.ROOT)));
        Optional<TableDoc> doc = docs.table(name);
        Map<String, String> descriptions = doc.map(TableDoc::columns).orElse(Map.of());
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("table", name);
        doc.map(TableDoc::summary).ifPresent(summary -> root.put("description", summary));
        ArrayNode list = root.putArray("columns");
        for (List<Object> row : columns.rows()) {
            String column = String.valueOf(row.get(0));
            ObjectNode node = list.addObject().put("name", column).put("type", String.valueOf(row.get(1)));
            String description = descriptions.get(column.toLowerCase(Locale.ROOT));
            if (description != null && !description.isBlank()) {
                node.put("description", description);
            }
        }
        return json(root);
    }

    @Tool(
            name = "sample_rows",
            value = "Returns a few rows of a table (JSON like run_sql) to show what its values look like, e.g. the"
                    + " spelling of stage names or the format of ids. Not for answering questions: use run_sql.")
    public String sampleRows(
            @P("The table name exactly as list_tables returns it") String table,
            @P(value = "How many rows, 1 to 20 (default 5)", required = false) Integer rows) {
        String name = knownTable(table);
        int n = rows == null ? 5 : Math.max(1, Math.min(MAX_SAMPLE_ROWS, rows));
        // the name was matched against the warehouse's own table list, never spliced from free text
        QueryResult result = query("SELECT * FROM \"" + name + "\" LIMIT " + n, List.of(), limits().withMaxRows(n));
        ToolObserver.current().fact("rows", result.rows().size());
        return ResultJson.of(result, MAX_RESULT_CHARS);
    }

    /** The warehouse's spelling of {@code table}, or a ToolException listing what exists. */
    private String knownTable(String table) {
        String wanted = table == null ? "" : table.strip();
        List<String> names = schemaQuery(TABLES_SQL, List.of()).rows().stream()
                .map(row -> String.valueOf(row.get(0)))
                .toList();
        for (String name : names) {
            if (name.equalsIgnoreCase(wanted)) {
                if (!isPlainName(name)) {
                    throw new ToolException("the table " + name + " cannot be described by name; use run_sql");
                }
                return name;
            }
        }
        throw new ToolException("no table named '" + wanted + "'. Tables: " + String.join(", ", names));
    }

    static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || name.length() > 128) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || c < 128 && Character.isLetterOrDigit(c))) {
                return false;
            }
        }
        return true;
    }

    /** An information_schema query limited to the current schema, or to all user schemas where that fails. */
    private QueryResult schemaQuery(String template, List<?> parameters) {
        try {
            return warehouse.query(template.formatted(CURRENT_SCHEMA), parameters, 10_000, timeout);
        } catch (UpstreamException e) {
            return query(template.formatted(ANY_SCHEMA), parameters, 10_000);
        }
    }

    /** Model-written SQL fetches under the row cap, the byte cap and a cell cap that loses nothing shown. */
    private Warehouse.Limits limits() {
        return new Warehouse.Limits(rowLimit, byteLimit, ResultJson.MAX_CELL_CHARS + 1, timeout);
    }

    private String checked(String sql) {
        try {
            return guard.check(sql);
        } catch (UpstreamException e) {
            throw new ToolException("the warehouse's table list could not be read: " + e.getMessage(), e);
        }
    }

    private QueryResult query(String sql, List<?> parameters, int maxRows) {
        return query(sql, parameters, Warehouse.Limits.rows(maxRows, timeout));
    }

    private QueryResult query(String sql, List<?> parameters, Warehouse.Limits limits) {
        try {
            return warehouse.query(sql, parameters, limits);
        } catch (UpstreamException e) {
            throw new ToolException("the warehouse could not run the query: " + e.getMessage(), e);
        }
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
