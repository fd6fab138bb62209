package io.revbot.tools.testing;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.warehouse.Warehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * The demo data set (scale 1, fixed as-of date) in an in-memory DuckDB, behind the {@link Warehouse} port through
 * plain JDBC. For tests of the warehouse-backed adapters; each call to {@link #create()} is a fresh database.
 */
public final class DemoWarehouse implements Warehouse {
    public static final LocalDate AS_OF = LocalDate.parse("2026-03-01");
    private final Connection connection;

    private DemoWarehouse(Connection connection) {
        this.connection = connection;
    }

    public static DemoWarehouse create() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            new DemoDataGenerator(1, AS_OF).generate(c.unwrap(DuckDBConnection.class));
            return new DemoWarehouse(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable CRM update log in a DuckDB file under {@code dir}. */
    public static io.revbot.tools.crm.CrmUpdateLog updateLog(java.nio.file.Path dir) {
        String url = "jdbc:duckdb:" + dir.resolve("crm_updates.duckdb");
        return new io.revbot.tools.crm.CrmUpdateLog(() -> DriverManager.getConnection(url), "test log");
    }

    @Override
    public String describe() {
        return "test demo (DuckDB in memory)";
    }

    @Override
    public synchronized QueryResult query(String sql, List<?> parameters, Limits limits) {
        int maxRows = limits.maxRows();
        Instant start = Instant.now();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            if (!s.execute()) {
                return new QueryResult(List.of(), List.of(), false, Duration.between(start, Instant.now()));
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() >= maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Timestamp t) {
                            v = t.toLocalDateTime();
                        } else if (v instanceof java.sql.Date d) {
                            v = d.toLocalDate();
                        } else if (v instanceof Integer n) {
                            v = n.longValue();
                        }
                        row.add(v);
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, truncated, Duration.between(start, Instant.now()));
            }
        } catch (SQLException e) {
            throw new UpstreamException("DuckDB", e.getMessage(), false, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing an in-memory database
        }
    }
}
