package io.revbot.server.cli;

import io.revbot.server.config.Config;
import io.revbot.tools.warehouse.ResultJson;
import io.revbot.tools.warehouse.Warehouse.Limits;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code revbot sql "<select>"}: runs one read-only query on the configured warehouse through the same SQL guard
 * the agents use, and prints a table (or JSON). A refused statement exits 1 with the reason.
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one read-only query (SELECT, WITH … SELECT, SHOW, DESCRIBE, EXPLAIN) on the configured warehouse"
                    + " and prints the result. Writes, comments and multiple statements are refused."
        })
final class SqlCommand implements Callable<Integer> {
    private static final int MAX_CELL_WIDTH = 60;
    /** Characters of one value fetched at most; the byte cap ({@code REVBOT_SQL_BYTE_LIMIT}) bounds the whole. */
    static final int MAX_CELL_CHARS = 65_536;

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query, in quotes.")
    String sql;

    @Option(
            names = "--max-rows",
            paramLabel = "N",
            description = "Rows to print at most (default REVBOT_SQL_ROW_LIMIT).")
    Integer maxRows;

    @CommandLine.Mixin
    JsonOutput json;

    SqlCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (maxRows != null && maxRows < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-rows must be at least 1");
        }
        String checked = context.components().sqlGuard().check(Arguments.text(spec.commandLine(), sql, "QUERY"));
        Config.WarehouseConfig config = context.components().config().warehouse();
        int limit = maxRows != null ? maxRows : config.rowLimit();
        QueryResult result = context.components()
                .warehouse()
                .query(
                        checked,
                        List.of(),
                        new Limits(limit, config.byteLimit(), MAX_CELL_CHARS, config.statementTimeout()));
        PrintWriter out = context.out();
        if (json.requested()) {
            out.println(ResultJson.of(result, Integer.MAX_VALUE));
        } else {
            printTable(out, result);
        }
        out.flush();
        return 0;
    }

    /** Numbers as people write them: no exponent, no trailing ".0". */
    private static String plain(java.math.BigDecimal d) {
        String text = d.toPlainString();
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    static void printTable(PrintWriter out, QueryResult result) {
        int columns = result.columns().size();
        List<String[]> cells = new ArrayList<>();
        int[] widths = new int[columns];
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = result.columns().get(c).name();
            widths[c] = header[c].length();
        }
        for (List<Object> row : result.rows()) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = cell(row.get(c));
                widths[c] = Math.max(widths[c], line[c].length());
            }
            cells.add(line);
        }
        out.println(line(header, widths, result));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (String[] line : cells) {
            out.println(line(line, widths, result));
        }
        int n = result.rows().size();
        out.println(
                result.truncatedAtBytes() > 0
                        ? "(" + n + " rows shown; truncated at " + result.truncatedAtBytes()
                                + " bytes (REVBOT_SQL_BYTE_LIMIT): select fewer or shorter columns)"
                        : result.truncated()
                                ? "(" + n + " rows shown; the result has more: use --max-rows or refine the query)"
                                : "(" + n + (n == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] values, int[] widths, QueryResult result) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            String type = result.columns().get(c).type().toUpperCase(java.util.Locale.ROOT);
            boolean numeric = type.contains("INT")
                    || type.contains("DOUBLE")
                    || type.contains("DECIMAL")
                    || type.contains("NUMERIC")
                    || type.contains("FLOAT")
                    || type.contains("REAL");
            String padded = numeric
                    ? " ".repeat(widths[c] - values[c].length()) + values[c]
                    : values[c] + " ".repeat(widths[c] - values[c].length());
            b.append(c == 0 ? "" : " | ").append(padded);
        }
        return b.toString().stripTrailing();
    }

    private static String cell(Object value) {
        String text = switch (value) {
            case null -> "";
            case Double d when !d.isNaN() && !d.isInfinite() -> plain(java.math.BigDecimal.valueOf(d));
            case java.math.BigDecimal d -> plain(d);
            default -> value.toString().replace('\n', ' ').replace('\r', ' ');
        };
        return text.length() > MAX_CELL_WIDTH ? text.substring(0, MAX_CELL_WIDTH - 1) + "…" : text;
    }
}
