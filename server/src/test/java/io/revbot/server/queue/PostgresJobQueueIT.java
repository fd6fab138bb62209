package io.revbot.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.revbot.server.db.Database;
import io.revbot.tools.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue contract against native PostgreSQL, each test in a fresh schema migrated by the production Flyway run. */
class PostgresJobQueueIT extends JobQueueContract {
    private HikariDataSource dataSource;

    @Override
    LeasingJobQueue newQueue() {
        dataSource = Database.pool(TestDatabases.freshSchema(TestDatabases.postgresUrl(), "jobs"), 12);
        Database.migrate(dataSource);
        return new PostgresJobQueue(dataSource);
    }

    @AfterEach
    void closePool() {
        stopWorkers();
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void theMigrationCreatesTheJobsTableInTheServersVersionRange() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT version FROM flyway_schema_history WHERE script = 'V300__jobs.sql'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("300");
        }
    }

    @Test
    void enqueuedJobsSurviveANewQueueOnTheSameDatabase() {
        JobId id = queue.enqueue(job("durable")).id();

        PostgresJobQueue restarted = new PostgresJobQueue(dataSource);

        assertThat(restarted.find(id)).get().extracting(Job::state).isEqualTo(JobState.QUEUED);
        assertThat(restarted.enqueue(job("durable")).created()).isFalse();
    }
}
