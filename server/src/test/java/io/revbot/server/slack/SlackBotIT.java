package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.revbot.server.db.Database;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.tools.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Slack bot end to end on the PostgreSQL queue, plus what only a durable queue can promise. */
class SlackBotIT extends SlackBotContract {
    private HikariDataSource dataSource;

    @Override
    LeasingJobQueue newQueue() {
        dataSource = Database.pool(TestDatabases.freshSchema(TestDatabases.postgresUrl(), "slack"), 12);
        Database.migrate(dataSource);
        return new PostgresJobQueue(dataSource);
    }

    @Override
    void afterStop() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void anEventRedeliveredAfterARestartIsNotAnsweredAgain() throws Exception {
        var envelope = SlackRequests.mention("EvRESTART", "1700000900.000100", null, "before the restart");
        assertThat(requests.event(envelope).statusCode()).isEqualTo(200);
        Eventually.await(WAIT, () -> supervisor.finished().size() == 1, () -> "the first answer");
        Thread.sleep(300);

        // a new process: new queue object, new bot, new workers on the same database
        workers.stop(Duration.ofSeconds(5));
        server.stop();
        bot.close();
        queue = new PostgresJobQueue(dataSource);
        startProcess(2, "slack-restarted");

        assertThat(requests.retriedEvent(envelope, 3).statusCode()).isEqualTo(200);
        Thread.sleep(1000);

        assertThat(supervisor.started()).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }
}
