package io.revbot.tools.warehouse;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.demo.DemoDataGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The embedded demo warehouse: a DuckDB file under {@code REVBOT_HOME}, generated from the demo data set (scale 1,
 * as-of today) the first time it is queried. Opened read-only with file access, extension loading and
 * configuration changes disabled, so even SQL that slipped past the guard cannot write or read files. Thread-safe:
 * each query runs on its own connection to the one database instance.
 */
public final class DuckDbWarehouse implements Warehouse {
    private static final System.Logger LOG = System.getLogger(DuckDbWarehouse.class.getName());

    private final Path file;
    private final Clock clock;
    private final JdbcStatements statements = new JdbcStatements("duckdb", SqlDialect.DUCKDB);
    private DuckDBConnection database;

    /** Nothing is opened or generated until the first query. */
    public DuckDbWarehouse(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The demo database file inside {@code home} ({@code REVBOT_HOME}). */
    public static Path demoFile(Path home) {
        return home.resolve("demo.duckdb");
    }

    @Override
    public String describe() {
        return "demo (DuckDB, " + file + ")";
    }

    @Override
    public QueryResult query(String sql, List<?> parameters, Limits limits) {
        try (Connection connection = database().duplicate()) {
            return statements.run(connection, sql, parameters, limits);
        } catch (SQLException e) {
            throw new UpstreamException("duckdb", JdbcStatements.message(e), false, e);
        }
    }

    private synchronized DuckDBConnection database() {
        if (database == null) {
            if (!Files.exists(file)) {
                LOG.log(System.Logger.Level.INFO, "generating the demo data set (scale 1) into " + file);
                new DemoDataGenerator(1, LocalDate.now(clock)).writeDatabase(file);
            } else if (isOutdatedDemo(file)) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "regenerating " + file + ": it was made by another generator version");
                new DemoDataGenerator(1, LocalDate.now(clock)).writeDatabase(file);
            }
            Properties properties = new Properties();
            properties.setProperty("duckdb.read_only", "true");
            properties.setProperty("enable_external_access", "false");
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
            properties.setProperty("jdbc_stream_results", "true");
            properties.setProperty("lock_configuration", "true");
            try {
                database = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, properties);
            } catch (SQLException e) {
                throw new UpstreamException(
                        "duckdb", "cannot open " + file + ": " + JdbcStatements.message(e), false, e);
            }
        }
        return database;
    }

    /** A demo file written by another generator version (files without {@code demo_metadata} are left alone). */
    private static boolean isOutdatedDemo(Path file) {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file, properties);
                var statement = c.createStatement();
                var rs = statement.executeQuery("SELECT value FROM demo_metadata WHERE key = 'generator_version'")) {
            return rs.next() && !DemoDataGenerator.GENERATOR_VERSION.equals(rs.getString(1));
        } catch (SQLException e) {
            return false; // not a demo file
        }
    }

    @Override
    public synchronized void close() {
        statements.close();
        if (database != null) {
            try {
                database.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + file + " failed: " + e.getMessage());
            }
            database = null;
        }
    }
}
