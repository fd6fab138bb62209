package io.revbot.tools.demo;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends rows to one DuckDB table through its native appender (fast bulk load), counting them. */
final class TableAppender implements AutoCloseable {
    private final String table;
    private final DuckDBAppender appender;
    private long rows;

    TableAppender(DuckDBConnection connection, String table) throws SQLException {
        this.table = table;
        this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /** One row; values in the table's column order ({@code null}, String, Integer, Long, Double, Boolean, dates). */
    void row(Object... values) throws SQLException {
        appender.beginRow();
        for (Object value : values) {
            switch (value) {
                case null -> appender.appendNull();
                case String s -> appender.append(s);
                case Integer i -> appender.append(i.intValue());
                case Long l -> appender.append(l.longValue());
                case Double d -> appender.append(d.doubleValue());
                case Boolean b -> appender.append(b.booleanValue());
                case LocalDate d -> appender.append(d);
                case LocalDateTime t -> appender.append(t);
                default ->
                    throw new IllegalArgumentException(
                            table + ": cannot append " + value.getClass().getName());
            }
        }
        appender.endRow();
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        appender.close();
    }
}
