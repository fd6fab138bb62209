package io.revbot.orchestrator.sessions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.revbot.tools.testing.TestDatabases;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Session memory in real PostgreSQL, migrated by the orchestrator's Flyway migration: the same contract. */
class PostgresChatMemoryStoreIT extends ChatMemoryStoreContract {
    static HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.freshSchema(TestDatabases.postgresUrl(), "sessions"));
        config.setMaximumPoolSize(10);
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
    ChatMemoryStore newStore(Duration timeToLive) {
        return new PostgresChatMemoryStore(dataSource, timeToLive, clock);
    }

    @Override
    int purgeExpired(ChatMemoryStore store) {
        return ((PostgresChatMemoryStore) store).purgeExpired();
    }
}
