package io.revbot.tools.demo;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Row count and checksum of one demo table. The checksum is DuckDB's {@code hash} of every row, summed (so it does
 * not depend on row order) and printed as hex: two data sets with the same checksums hold the same rows.
 */
public record DemoTableStats(String table, long rows, String checksum) {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** Every table of {@code schema.sql}, in schema order. */
    public static List<String> tables() {
        return DemoDataGenerator.schemaStatements().stream()
                .map(ddl ->
                        ddl.replaceFirst("(?is)^CREATE TABLE\\s+(\\w+).*", "$1").toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Counts and checksums each table of the demo database in {@code file} (opened read-only). */
    public static List<DemoTableStats> of(java.nio.file.Path file) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        try (Connection connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file, properties)) {
            return of(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the demo database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts and checksums each table through a DuckDB connection to the demo database. */
    public static List<DemoTableStats> of(Connection duckdb) throws SQLException {
        List<DemoTableStats> stats = new ArrayList<>();
        try (Statement statement = duckdb.createStatement()) {
            for (String table : tables()) {
                // table names come from schema.sql, never from a user
                String sql = "SELECT count(*), coalesce(sum(hash(t)), 0)::VARCHAR FROM " + table + " AS t";
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    BigInteger sum = new BigInteger(rs.getString(2)).mod(TWO_TO_64);
                    stats.add(new DemoTableStats(table, rs.getLong(1), "%016x".formatted(sum)));
                }
            }
        }
        return stats;
    }
}
