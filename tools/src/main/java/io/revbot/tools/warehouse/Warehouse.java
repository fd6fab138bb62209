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
     * Runs one statement with positional bind parameters, fetching within {@code limits}: at most
     * {@link Limits#maxRows()} rows and {@link Limits#maxBytes()} bytes of values, each text value cut at
     * {@link Limits#maxCellChars()} characters, all inside {@link Limits#timeout()}.
     *
     * @throws io.revbot.tools.UpstreamException when the warehouse cannot be reached, rejects the statement or
     *     runs past the timeout
     */
    QueryResult query(String sql, List<?> parameters, Limits limits);

    /**
     * Runs one statement with positional bind parameters and no byte cap (analytics' own, fixed SQL).
     *
     * @param maxRows rows to return at most; more rows set {@link QueryResult#truncated()}
     * @param timeout statement timeout
     */
    default QueryResult query(String sql, List<?> parameters, int maxRows, Duration timeout) {
        return query(sql, parameters, Limits.rows(maxRows, timeout));
    }

    /** A query without parameters. */
    default QueryResult query(String sql, int maxRows, Duration timeout) {
        return query(sql, List.of(), maxRows, timeout);
    }

    @Override
    void close();

    /**
     * How much one query may fetch. Model-written SQL gets a byte cap and a cell cap, so a result of huge values
     * stays small in memory however the query was written; the database itself cuts long values where the dialect
     * allows (DuckDB, PostgreSQL).
     *
     * @param maxRows rows at most
     * @param maxBytes bytes of values at most (UTF-8 of their text); {@code Long.MAX_VALUE} for no cap
     * @param maxCellChars characters of one text value at most; {@code Integer.MAX_VALUE} for no cap
     * @param timeout the statement timeout, which also bounds fetching
     */
    record Limits(int maxRows, long maxBytes, int maxCellChars, Duration timeout) {
        public Limits {
            if (maxRows < 0 || maxBytes < 1 || maxCellChars < 1) {
                throw new IllegalArgumentException(
                        "limits must be positive: " + maxRows + ", " + maxBytes + ", " + maxCellChars);
            }
            java.util.Objects.requireNonNull(timeout, "timeout");
        }

        /** Only a row cap and a timeout. */
        public static Limits rows(int maxRows, Duration timeout) {
            return new Limits(maxRows, Long.MAX_VALUE, Integer.MAX_VALUE, timeout);
        }

        public boolean boundsCells() {
            return maxCellChars < Integer.MAX_VALUE;
        }

        public Limits withMaxRows(int rows) {
            return new Limits(rows, maxBytes, maxCellChars, timeout);
        }
    }

    /** A column of a result: its name and the warehouse's type name. */
    record Column(String name, String type) {}

    /**
     * The rows of a result, values as JDBC-like Java objects ({@code String}, {@code Long}, {@code Double},
     * {@code java.math.BigDecimal}, {@code Boolean}, {@code java.time.LocalDate}, {@code java.time.LocalDateTime}
     * or {@code Instant}, a {@code List} of these for an array, {@code null}; anything else as its text).
     *
     * @param truncated more rows existed than were fetched (by the row cap or the byte cap)
     * @param truncatedAtBytes the byte cap that stopped fetching, or 0 when it did not
     */
    record QueryResult(
            List<Column> columns,
            List<List<Object>> rows,
            boolean truncated,
            Duration duration,
            long truncatedAtBytes) {
        public QueryResult {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
            truncated = truncated || truncatedAtBytes > 0;
        }

        public QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated, Duration duration) {
            this(columns, rows, truncated, duration, 0);
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
