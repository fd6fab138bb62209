package io.revbot.tools.warehouse;

import java.time.Duration;
import java.util.List;

/**
 * A SQL warehouse. Adapters: {@code DuckDbWarehouse} (embedded demo), {@code JdbcWarehouse} (any driver on the
 * classpath), {@code FireboltHttpWarehouse} (Firebolt's REST API). Implementations are thread-safe.
 *
 * <p>The port runs the SQL it is given; it does not judge it. Model-written SQL goes through the SQL guard in the
 * warehouse tools first; analytics pass their own fixed SQL with bind parameters ({@code ?}), never user text
 * spliced into a statement.
 */
public interface Warehouse extends AutoCloseable {

    /** A short description for logs and {@code doctor}, e.g. {@code "demo (DuckDB, .revbot/demo.duckdb)"}. */
    String describe();

    /**
     * Runs one statement with positional bind parameters.
     *
     * @param maxRows rows to return at most; more rows set {@link QueryResult#truncated()}
     * @param timeout statement timeout
     * @throws io.revbot.tools.UpstreamException when the warehouse cannot be reached or rejects the statement
     */
    QueryResult query(String sql, List<?> parameters, int maxRows, Duration timeout);

    /** A query without parameters. */
    default QueryResult query(String sql, int maxRows, Duration timeout) {
        return query(sql, List.of(), maxRows, timeout);
    }

    @Override
    void close();

    /** A column of a result: its name and the warehouse's type name. */
    record Column(String name, String type) {}

    /**
     * The rows of a result, values as JDBC-like Java objects ({@code String}, {@code Long}, {@code Double},
     * {@code java.math.BigDecimal}, {@code Boolean}, {@code java.time.LocalDate}, {@code java.time.LocalDateTime}
     * or {@code Instant}, {@code null}).
     */
    record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated, Duration duration) {
        public QueryResult {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }

        public int columnIndex(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equalsIgnoreCase(name)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
    }
}
