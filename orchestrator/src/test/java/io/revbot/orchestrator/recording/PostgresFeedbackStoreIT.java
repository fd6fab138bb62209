package io.revbot.orchestrator.recording;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.tools.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Feedback in real PostgreSQL, migrated by the orchestrator's Flyway migration: the same contract as the file. */
class PostgresFeedbackStoreIT extends FeedbackStoreContract {
    static HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.freshSchema(TestDatabases.postgresUrl(), "feedback"));
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    FeedbackStore newStore() {
        return new PostgresFeedbackStore(dataSource);
    }
}
