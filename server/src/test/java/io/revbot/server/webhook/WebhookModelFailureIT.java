package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobState;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook request whose model answers every call with HTTP 500: the real supervisor from the composition root, the
 * Bedrock client and the AWS SDK against a fake Converse endpoint that always fails, the production handlers and
 * workers. The caller still hears back: a signed {@code success: false} callback with the error code that
 * {@code GET /webhook/{tracking_id}} shows.
 */
class WebhookModelFailureIT {
    private final MockWebServer bedrock = new MockWebServer();
    private final MockWebServer receiver = new MockWebServer();
    private final AtomicInteger modelCalls = new AtomicInteger();
    private Components components;
    private WebhookFixture revbot;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        bedrock.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().contains("/converse")) {
                    modelCalls.incrementAndGet();
                }
                return new MockResponse.Builder()
                        .code(500)
                        .setHeader("Content-Type", "application/json")
                        .setHeader("x-amzn-ErrorType", "InternalServerException")
                        .body("{\"message\":\"The system encountered an unexpected error during processing.\"}")
                        .build();
            }
        });
        bedrock.start(InetAddress.getLoopbackAddress(), 0);
        receiver.start(InetAddress.getLoopbackAddress(), 0);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        Map<String, String> env = Map.of(
                "REVBOT_MODEL_PROVIDER",
                "bedrock",
                "REVBOT_MODEL",
                "always-failing-model",
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "AKIDTEST",
                "REVBOT_BEDROCK_ENDPOINT",
                "http://127.0.0.1:" + bedrock.getPort(),
                "REVBOT_HOME",
                home.toString(),
                "REVBOT_EXPORT_DIR",
                home.resolve("exports").toString(),
                "REVBOT_SOURCE_ROOT",
                Path.of("..").toAbsolutePath().normalize().toString());
        components = new Components(Config.from(Settings.load(env, Map.of())), Clock.systemUTC());
        revbot = new WebhookFixture(new InMemoryJobQueue(Clock.systemUTC()), 3, components.supervisor());
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (revbot != null) {
            revbot.close();
        }
        if (components != null) {
            components.close();
        }
        bedrock.close();
        receiver.close();
    }

    @Test
    void aRequestWhoseModelAlwaysAnswers500GetsAFailureCallbackWithTheCodeItsStatusShows() throws Exception {
        String body = "{\"query\": \"What deals are closing this quarter?\", \"source_system\": \"crm_app\","
                + " \"webhook_url\": \"" + receiver.url("/hook") + "\"}";
        String id = WebhookJson.MAPPER
                .readTree(revbot.post(body).body())
                .get("tracking_id")
                .asText();

        RecordedRequest callback = receiver.takeRequest(120, TimeUnit.SECONDS);

        assertThat(callback).as("the caller heard back").isNotNull();
        String delivered = callback.getBody().utf8();
        JsonNode payload = WebhookJson.MAPPER.readTree(delivered);
        assertThat(payload.get("success").asBoolean()).isFalse();
        assertThat(payload.get("tracking_id").asText()).isEqualTo(id);
        assertThat(payload.at("/error/code").asText()).isEqualTo("model_unavailable");
        assertThat(payload.at("/error/message").asText()).isNotBlank();
        assertThat(payload.has("ai_response")).isFalse();
        assertThat(callback.getHeaders().get("webhook-id")).isEqualTo("msg_" + id + "_failed");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(callback.getHeaders().toMultimap());
        new Webhook(WebhookFixture.SIGNING_SECRET).verify(delivered, headers); // throws when not valid

        JsonNode status = WebhookJson.MAPPER.readTree(revbot.status(id).body());
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.at("/error/code").asText()).isEqualTo("model_unavailable");
        assertThat(status.at("/error/message").asText())
                .isEqualTo(payload.at("/error/message").asText());
        Job job = revbot.queue.find(new JobId(id)).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.DEAD);
        assertThat(job.attempts()).as("every attempt was made").isEqualTo(WebhookApi.REQUEST_ATTEMPTS);
        assertThat(modelCalls.get())
                .as("the model was really called, through the AWS SDK")
                .isGreaterThan(0);
        assertThat(receiver.takeRequest(1, TimeUnit.SECONDS)).as("one callback").isNull();
    }
}
