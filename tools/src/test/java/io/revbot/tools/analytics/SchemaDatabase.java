package io.revbot.tools.analytics;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * An in-memory DuckDB built from the warehouse's {@code schema.sql}, for tests that insert focused rows. Implements
 * the {@link Warehouse} port with plain JDBC so analyses run on it as on the real adapters.
 */
final class SchemaDatabase implements Warehouse {
    private final Connection connection;

    private SchemaDatabase(Connection connection) {
        this.connection = connection;
    }

    /** The demo warehouse of {@link DemoDataGenerator} at scale 1 for a pinned as-of date, in memory. */
    static SchemaDatabase demo(LocalDate asOf) {
        try {
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            new DemoDataGenerator(1, asOf).generate(c);
            return new SchemaDatabase(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    SchemaDatabase() {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (InputStream in = SchemaDatabase.class.getResourceAsStream("/io/revbot/tools/demo/schema.sql")) {
                String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
                try (Statement s = connection.createStatement()) {
                    for (String statement : schema.split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number from a query of one value: for independent checks in tests. */
    double number(String sql, Object... params) {
        QueryResult r = query(sql, List.of(params), 1, Duration.ofSeconds(30));
        Object v = r.rows().getFirst().getFirst();
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    /** A text from a query of one value: for test setup that depends on generated data. */
    String text(String sql, Object... params) {
        QueryResult r = query(sql, List.of(params), 1, Duration.ofSeconds(30));
        Object v = r.rows().getFirst().getFirst();
        return v == null ? null : v.toString();
    }

    /** Runs an insert (or any statement) with bind parameters. */
    SchemaDatabase exec(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "test DuckDB from schema.sql";
    }

    @Override
    public QueryResult query(String sql, List<?> parameters, Limits limits) {
        int maxRows = limits.maxRows();
        long start = System.nanoTime();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - start));
            }
        } catch (SQLException e) {
            throw new UpstreamException("warehouse", e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
