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
    void oldFinishedJobsArePurgedAndEverythingElseIsKept() throws Exception {
        JobId oldDone = queue.enqueue(job("old-done")).id();
        JobId recentDone = queue.enqueue(job("recent-done")).id();
        JobId oldDead = queue.enqueue(job("old-dead")).id();
        queue.succeed(claim(), null);
        queue.succeed(claim(), null);
        queue.fail(claim(), "gone", java.time.Duration.ZERO, true);
        JobId waiting = queue.enqueue(job("waiting")).id();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement()
                    .executeUpdate("UPDATE revbot_jobs SET finished_at = now() - interval '8 days' WHERE id IN ('"
                            + oldDone + "', '" + oldDead + "')");
        }

        int purged = new PostgresJobQueue(dataSource, java.time.Duration.ofDays(7), java.time.Duration.ofDays(7))
                .purgeFinished();

        assertThat(purged).isEqualTo(2);
        assertThat(queue.find(oldDone)).isEmpty();
        assertThat(queue.find(oldDead)).isEmpty();
        assertThat(queue.find(recentDone)).isPresent();
        assertThat(queue.find(waiting)).isPresent();
    }

    @Test
    void enqueuedJobsSurviveANewQueueOnTheSameDatabase() {
        JobId id = queue.enqueue(job("durable")).id();

        PostgresJobQueue restarted = new PostgresJobQueue(dataSource);

        assertThat(restarted.find(id)).get().extracting(Job::state).isEqualTo(JobState.QUEUED);
        assertThat(restarted.enqueue(job("durable")).created()).isFalse();
    }
}
