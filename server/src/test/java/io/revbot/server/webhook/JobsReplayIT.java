package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.RunException;
import io.revbot.orchestrator.Supervisor;
import io.revbot.server.cli.RevbotCommand;
import io.revbot.server.db.Database;
import io.revbot.server.jobs.LocalServer;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobState;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.tools.Secret;
import io.revbot.tools.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revbot jobs list} and {@code revbot jobs retry} on a webhook request that went to the dead letter while its
 * model was down, in both modes: on PostgreSQL straight on the database, in embedded mode through the server's
 * {@code /api/jobs} found with {@code REVBOT_HOME/serve.json}. The caller first hears of the failure, then, after the
 * replay, gets the answer exactly once.
 */
class JobsReplayIT {
    private final AtomicBoolean modelDown = new AtomicBoolean(true);
    private final MockWebServer receiver = new MockWebServer();
    private HikariDataSource dataSource;
    private WebhookFixture revbot;

    @TempDir
    Path home;

    /** The scripted supervisor behind a model that is unavailable while {@link #modelDown}. */
    private Supervisor supervisor(WebhookFixture[] fixture) {
        return (request, listener) -> {
            if (modelDown.get()) {
                throw new RunException(FailureKind.MODEL_UNAVAILABLE, "The model is unavailable right now.");
            }
            return fixture[0].supervisor.run(request, listener);
        };
    }

    @BeforeEach
    void start() throws Exception {
        receiver.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        if (revbot != null) {
            revbot.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        receiver.close();
    }

    private WebhookFixture start(LeasingJobQueue queue) {
        WebhookFixture[] holder = new WebhookFixture[1];
        holder[0] = new WebhookFixture(queue, 3, supervisor(holder));
        return holder[0];
    }

    record Run(int exit, String out, String err) {}

    private Run revbot(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void onPostgresqlADeadRequestIsListedAndReplayedAndItsAnswerDeliveredOnce() throws Exception {
        String url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "jobs_replay");
        dataSource = Database.pool(url, 6);
        Database.migrate(dataSource);
        revbot = start(new PostgresJobQueue(dataSource));

        replayed(Map.of(
                "REVBOT_DATABASE_URL", url, "REVBOT_VECTOR_DATABASE_URL", "embedded", "REVBOT_HOME", home.toString()));
    }

    @Test
    void inEmbeddedModeADeadRequestIsListedAndReplayedThroughTheRunningServer() throws Exception {
        revbot = start(new InMemoryJobQueue(Clock.systemUTC()));
        new LocalServer(home).write(revbot.server.port(), Secret.of(WebhookFixture.VIEWER_TOKEN));

        replayed(Map.of("REVBOT_HOME", home.toString()));
    }

    @Test
    void inEmbeddedModeWithoutARunningServerTheCommandSaysSo() {
        Run list = revbot(Map.of("REVBOT_HOME", home.toString()), "jobs", "list", "--json");

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).contains("revbot serve").contains("serve.json").doesNotContain("Exception");
        assertThat(list.out()).contains("\"error\"");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Map<String, String> env = Map.of("REVBOT_HOME", home.toString());
        assertThat(revbot(env, "jobs", "list", "--state", "sleeping").exit()).isEqualTo(2);
        assertThat(revbot(env, "jobs", "list", "--limit", "-1").exit()).isEqualTo(2);
        assertThat(revbot(env, "jobs", "retry", "not-a-job-id").exit()).isEqualTo(2);
        assertThat(revbot(env, "jobs", "retry").exit()).isEqualTo(2);
        assertThat(revbot(env, "jobs").exit()).isEqualTo(2);
    }

    private void replayed(Map<String, String> env) throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = WebhookJson.MAPPER
                .readTree(revbot.post("{\"query\": \"Which deals slipped?\", \"webhook_url\": \""
                                + receiver.url("/hook") + "\"}")
                        .body())
                .get("tracking_id")
                .asText();

        RecordedRequest failure = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(failure).isNotNull();
        assertThat(WebhookJson.MAPPER
                        .readTree(failure.getBody().utf8())
                        .at("/error/code")
                        .asText())
                .isEqualTo("model_unavailable");
        assertThat(revbot.queue.find(new JobId(id)).orElseThrow().state()).isEqualTo(JobState.DEAD);

        Run list = revbot(env, "jobs", "list", "--state", "dead", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode dead = WebhookJson.MAPPER.readTree(list.out());
        assertThat(dead.isArray()).isTrue();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("id").asText()).isEqualTo(id);
        assertThat(dead.get(0).get("kind").asText()).isEqualTo("webhook_request");
        assertThat(dead.get(0).get("error_code").asText()).isEqualTo("model_unavailable");
        assertThat(dead.get(0).get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get(0).has("payload"))
                .as("the question stays out of the listing")
                .isFalse();
        Run table = revbot(env, "jobs", "list");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains(id).contains("model_unavailable").contains("dead");

        modelDown.set(false);
        Run retry = revbot(env, "jobs", "retry", id);

        assertThat(retry.exit()).as(retry.err()).isZero();
        assertThat(retry.out()).contains(id);
        RecordedRequest answer = receiver.takeRequest(30, TimeUnit.SECONDS);
        assertThat(answer).isNotNull();
        JsonNode payload = WebhookJson.MAPPER.readTree(answer.getBody().utf8());
        assertThat(payload.get("success").asBoolean()).isTrue();
        assertThat(payload.at("/ai_response/response").asText()).isEqualTo("**Answer** to: Which deals slipped?");
        assertThat(answer.getHeaders().get("webhook-id"))
                .as("another message than the failure, so a deduplicating receiver takes it")
                .isEqualTo("msg_" + id)
                .isNotEqualTo(failure.getHeaders().get("webhook-id"));
        assertThat(receiver.takeRequest(2, TimeUnit.SECONDS))
                .as("delivered once")
                .isNull();
        JsonNode status = WebhookJson.MAPPER.readTree(revbot.status(id).body());
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        assertThat(revbot.queue.stats().dead()).isZero();

        Run again = revbot(env, "jobs", "retry", id, "--json");
        assertThat(again.exit()).as("no longer dead").isEqualTo(1);
        assertThat(WebhookJson.MAPPER.readTree(again.out()).at("/error/code").asText())
                .isEqualTo("not_found");
        Run none = revbot(new HashMap<>(env), "jobs", "list", "--state", "dead");
        assertThat(none.out()).contains("No jobs dead.");
    }
}
