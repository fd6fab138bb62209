package io.revbot.tools.warehouse;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.warehouse.Warehouse.Column;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one statement over JDBC for the JDBC-based warehouses: binds parameters, enforces the statement timeout
 * (the driver's own and a cancel from a watchdog thread, for drivers that ignore the former), reads at most
 * {@code maxRows} rows and normalises values to the types {@link QueryResult} promises.
 */
final class JdbcStatements implements AutoCloseable {
    private static final long MAX_LONG_BITS = 63;

    private final String system;
    private final ScheduledExecutorService watchdog;

    JdbcStatements(String system) {
        this.system = system;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, system + "-statement-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    QueryResult run(Connection connection, String sql, List<?> parameters, int maxRows, Duration timeout) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative");
        }
        long started = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            statement.setQueryTimeout((int) Math.max(1, Math.ceil(timeout.toMillis() / 1000.0)));
            if (maxRows < Integer.MAX_VALUE) {
                statement.setMaxRows(maxRows + 1);
            }
            ScheduledFuture<?> cancel = watchdog.schedule(
                    () -> {
                        timedOut.set(true);
                        try {
                            statement.cancel();
                        } catch (SQLException | RuntimeException ignored) {
                            // the statement finished meanwhile
                        }
                    },
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                boolean hasResult = statement.execute();
                if (!hasResult) {
                    return new QueryResult(List.of(), List.of(), false, elapsed(started));
                }
                try (ResultSet rs = statement.getResultSet()) {
                    return read(rs, maxRows, started);
                }
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLTimeoutException e) {
            throw timeout(timeout, e);
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw timeout(timeout, e);
            }
            throw new UpstreamException(system, message(e), false, e);
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

    private static QueryResult read(ResultSet rs, int maxRows, long started) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        int[] types = new int[count];
        for (int i = 1; i <= count; i++) {
            columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
            types[i - 1] = meta.getColumnType(i);
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                row.add(value(rs, i, types[i - 1]));
            }
            rows.add(java.util.Collections.unmodifiableList(row));
        }
        return new QueryResult(columns, rows, truncated, elapsed(started));
    }

    static Object value(ResultSet rs, int i, int type) throws SQLException {
        Object value = switch (type) {
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            default -> rs.getObject(i);
        };
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer n -> n.longValue();
            case Short n -> n.longValue();
            case Byte n -> n.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigInteger n -> n.bitLength() <= MAX_LONG_BITS ? (Object) n.longValue() : new BigDecimal(n);
            case BigDecimal d -> d;
            case LocalDate d -> d;
            case LocalDateTime t -> t;
            case java.time.Instant t -> t;
            case OffsetDateTime t -> t.toInstant();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case Array a -> arrayText(a.getArray());
            default -> value.toString();
        };
    }

    private static String arrayText(Object array) {
        return array instanceof Object[] objects ? Arrays.deepToString(objects) : String.valueOf(array);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
