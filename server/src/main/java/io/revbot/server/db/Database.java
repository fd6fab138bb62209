package io.revbot.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.tools.ConfigurationException;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The main PostgreSQL database ({@code REVBOT_DATABASE_URL}): a connection pool, and the one Flyway run over
 * {@code classpath:db/migration} that migrates every module's tables (version ranges in docs/decisions/0001:
 * sessions V100-V199, queue V300-V399, actions V400-V499, run records V500-V599).
 */
public final class Database {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private Database() {}

    /** A pool on {@code jdbcUrl} (user and password may be URL parameters); connects on first use. */
    public static HikariDataSource pool(String jdbcUrl, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setPoolName("revbot");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Applies pending migrations; fails with a {@link ConfigurationException} naming the database setting. */
    public static MigrateResult migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.log(
                        Level.INFO,
                        "database migrated to version {0} ({1} migrations applied)",
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            return result;
        } catch (RuntimeException e) {
            throw new ConfigurationException("REVBOT_DATABASE_URL", "cannot migrate the database: " + e.getMessage());
        }
    }
}
