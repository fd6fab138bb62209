package io.revbot.tools.warehouse;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.warehouse.Warehouse.Column;
import io.revbot.tools.warehouse.Warehouse.Limits;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one statement over JDBC for the JDBC-based warehouses: binds parameters, enforces the statement timeout
 * (the driver's own and a cancel from a watchdog thread, for drivers that ignore the former) on running and on
 * fetching alike, fetches in batches (a cursor on PostgreSQL) under the row cap and the byte cap, cuts long values
 * (in the database where {@link BoundedSelect} can) and normalises values ({@link JdbcValues}).
 */
final class JdbcStatements implements AutoCloseable {
    /** Rows fetched per round trip where the driver streams (PostgreSQL inside a transaction, DuckDB). */
    static final int FETCH_SIZE = 100;

    private final String system;
    private final SqlDialect dialect;
    private final ScheduledExecutorService watchdog;

    JdbcStatements(String system, SqlDialect dialect) {
        this.system = system;
        this.dialect = dialect;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, system + "-statement-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    QueryResult run(Connection connection, String sql, List<?> parameters, Limits limits) {
        long started = System.nanoTime();
        long deadline = started + limits.timeout().toNanos();
        AtomicBoolean timedOut = new AtomicBoolean();
        Optional<BoundedSelect> bounded;
        try {
            bounded = parameters.isEmpty() ? BoundedSelect.of(dialect, connection, sql, limits) : Optional.empty();
        } catch (SQLException e) {
            throw new UpstreamException(system, message(e), false, e);
        }
        try (PreparedStatement statement =
                connection.prepareStatement(bounded.map(BoundedSelect::sql).orElse(sql))) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.setQueryTimeout(
                    (int) Math.max(1, Math.ceil(limits.timeout().toMillis() / 1000.0)));
            if (limits.maxRows() < Integer.MAX_VALUE) {
                statement.setMaxRows(limits.maxRows() + 1);
            }
            statement.setFetchSize((int) Math.min(FETCH_SIZE, (long) limits.maxRows() + 1));
            ScheduledFuture<?> cancel = watchdog.schedule(
                    () -> {
                        timedOut.set(true);
                        try {
                            statement.cancel();
                        } catch (SQLException | RuntimeException ignored) {
                            // the statement finished meanwhile
                        }
                    },
                    limits.timeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                boolean hasResult = statement.execute();
                if (!hasResult) {
                    return new QueryResult(List.of(), List.of(), false, elapsed(started));
                }
                try (ResultSet rs = statement.getResultSet()) {
                    return new Reader(rs, limits, deadline, bounded.map(BoundedSelect::columns)).read(started);
                }
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLTimeoutException e) {
            throw timeout(limits.timeout(), e);
        } catch (SQLException e) {
            if (timedOut.get() || System.nanoTime() > deadline) {
                throw timeout(limits.timeout(), e);
            }
            throw new UpstreamException(system, message(e), false, e);
        } catch (FetchTimedOut e) {
            throw timeout(limits.timeout(), null);
        }
    }

    private UpstreamException timeout(Duration timeout, SQLException e) {
        return new UpstreamException(
                system, "the statement was cancelled after the " + timeout.toSeconds() + " s timeout", true, e);
    }

    /** DuckDB hides the real error behind a generic first line; keep the part that says what is wrong. */
    static String message(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int real = message.indexOf("\nError: ");
        if (real >= 0) {
            message = message.substring(real + "\nError: ".length());
        }
        return message.strip();
    }

    /** Reading went past the deadline (rows kept arriving from the driver's buffer). */
    private static final class FetchTimedOut extends RuntimeException {
        FetchTimedOut() {
            super(null, null, false, false);
        }
    }

    /** Reads rows until the row cap, the byte cap or the end, checking the deadline on every row. */
    private record Reader(ResultSet rs, Limits limits, long deadline, Optional<List<Column>> boundedColumns) {
        QueryResult read(long started) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int count = meta.getColumnCount();
            List<Column> columns = new ArrayList<>(count);
            int[] types = new int[count];
            String[] typeNames = new String[count];
            for (int i = 1; i <= count; i++) {
                columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                types[i - 1] = meta.getColumnType(i);
                typeNames[i - 1] = meta.getColumnTypeName(i);
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            long bytes = 0;
            long truncatedAtBytes = 0;
            while (rs.next()) {
                if (System.nanoTime() > deadline) {
                    throw new FetchTimedOut();
                }
                if (rows.size() == limits.maxRows()) {
                    truncated = true;
                    break;
                }
                List<Object> row = new ArrayList<>(count);
                long rowBytes = 0;
                for (int i = 1; i <= count; i++) {
                    Object value = JdbcValues.cut(
                            JdbcValues.read(rs, i, types[i - 1], typeNames[i - 1]), limits.maxCellChars());
                    rowBytes += JdbcValues.bytes(value);
                    row.add(value);
                }
                if (bytes + rowBytes > limits.maxBytes()) {
                    truncatedAtBytes = limits.maxBytes();
                    break;
                }
                bytes += rowBytes;
                rows.add(Collections.unmodifiableList(row));
            }
            return new QueryResult(boundedColumns.orElse(columns), rows, truncated, elapsed(started), truncatedAtBytes);
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
