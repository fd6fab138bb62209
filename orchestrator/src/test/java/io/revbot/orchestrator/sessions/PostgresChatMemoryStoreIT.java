package io.revbot.orchestrator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.revbot.orchestrator.SessionId;
import io.revbot.tools.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Session memory in real PostgreSQL, migrated by the orchestrator's Flyway migration. */
class PostgresChatMemoryStoreIT {
    static HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.freshSchema(TestDatabases.postgresUrl(), "sessions"));
        config.setMaximumPoolSize(2);
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

    @Test
    void aConversationSurvivesANewMemoryInstanceAndIsBoundedByTokens() {
        SessionId session = SessionId.random("it");
        new SessionMemory(new PostgresChatMemoryStore(dataSource), 8_000)
                .remember(session, "What is our pipeline?", "Pipeline is $1.2M.");

        SessionMemory reopened = new SessionMemory(new PostgresChatMemoryStore(dataSource), 8_000);
        assertThat(reopened.history(session))
                .containsExactly(UserMessage.from("What is our pipeline?"), AiMessage.from("Pipeline is $1.2M."));
        assertThat(reopened.history(SessionId.random("other"))).isEmpty();

        SessionMemory small = new SessionMemory(new PostgresChatMemoryStore(dataSource), 100);
        for (int i = 0; i < 10; i++) {
            small.remember(session, "question " + i + " " + "x".repeat(80), "answer " + i + " " + "y".repeat(80));
        }
        assertThat(small.history(session)).hasSizeLessThan(6);
        assertThat(small.history(session).get(small.history(session).size() - 1))
                .isEqualTo(AiMessage.from("answer 9 " + "y".repeat(80)));
    }
}
