package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.revbot.server.config.Config;
import io.revbot.server.db.Database;
import io.revbot.tools.ConfigurationException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Builds the main database ({@code REVBOT_DATABASE_URL}): one pool, migrated once, on first use. Its own factory
 * because the data, supervisor and server sections all keep state in it (CRM update log, pending actions, sessions,
 * the job queue). The constructor does no I/O.
 */
final class DatabaseComponents {
    private final Config config;
    private final Closeables closeables;
    private final Supplier<DataSource> database = lazy(this::openDatabase);

    DatabaseComponents(Config config, Closeables closeables) {
        this.config = config;
        this.closeables = closeables;
    }

    DataSource database() {
        return database.get();
    }

    void migrate() {
        if (!config.storage().embedded()) {
            database();
        }
    }

    private DataSource openDatabase() {
        String url = config.storage()
                .databaseUrl()
                .orElseThrow(() -> new ConfigurationException(
                        "REVBOT_DATABASE_URL", "no database configured (embedded mode has none)"));
        var pool =
                closeables.add(Database.pool(url, Math.max(10, config.server().workers() * 2 + 4)));
        Database.migrate(pool);
        return pool;
    }
}
