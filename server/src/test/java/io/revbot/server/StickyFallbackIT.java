package io.revbot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A throttled primary model with {@code REVBOT_FALLBACK_MODEL} set, through the composition root, the Bedrock client
 * and the AWS SDK against a fake Converse endpoint that throttles the primary: the requests it receives are counted.
 */
class StickyFallbackIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String PRIMARY = "primary-model";
    static final String FALLBACK = "fallback-model";

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();

    @TempDir
    Path home;

    @TempDir
    Path exports;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(converse);
        server.start(InetAddress.getLoopbackAddress(), 0);
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        server.close();
    }

    Components components() {
        Map<String, String> env = Map.of(
                "REVBOT_MODEL_PROVIDER",
                "bedrock",
                "REVBOT_MODEL",
                PRIMARY,
                "REVBOT_FALLBACK_MODEL",
                FALLBACK,
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "AKIDTEST",
                "REVBOT_BEDROCK_ENDPOINT",
                "http://127.0.0.1:" + server.getPort(),
                "REVBOT_HOME",
                home.toString(),
                "REVBOT_EXPORT_DIR",
                exports.toString(),
                "REVBOT_SOURCE_ROOT",
                Path.of("..").toAbsolutePath().normalize().toString());
        return new Components(Config.from(Settings.load(env, Map.of())), Clock.systemUTC());
    }

    @Test
    void afterThePrimaryThrottlesTheNextAnswersComeFromTheFallbackWithoutTryingThePrimary() throws Exception {
        converse.throttle(PRIMARY);
        converse.on(
                MANAGER,
                List.of(
                        FakeConverse.text("Answer 1"),
                        FakeConverse.text("Answer 2"),
                        FakeConverse.text("Answer 3"),
                        FakeConverse.text("Answer 4")));

        List<String> answers = new ArrayList<>();
        try (Components components = components()) {
            for (int i = 1; i <= 4; i++) {
                Request request = Request.of(
                        "Question " + i,
                        new SessionId("fallback-" + i),
                        Channel.CLI,
                        new Principal.LocalUser("me"),
                        Clock.systemUTC().instant());
                answers.add(components
                        .supervisor()
                        .run(request, RunListener.all(components.monitoring()))
                        .answer());
            }
        }

        assertThat(answers).containsExactly("Answer 1", "Answer 2", "Answer 3", "Answer 4");
        assertThat(converse.received())
                .as("two throttled tries of the primary, then the fallback only: 6 requests for 4 answers, not 12")
                .extracting(FakeConverse::modelOf)
                .containsExactly(PRIMARY, PRIMARY, FALLBACK, FALLBACK, FALLBACK, FALLBACK);

        List<JsonNode> calls = exportedModelCalls();
        assertThat(calls).hasSize(4);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.path("model_id").asText()).isEqualTo(FALLBACK);
            assertThat(call.path("fallback_for").asText()).isEqualTo(PRIMARY);
        });
    }

    private List<JsonNode> exportedModelCalls() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> calls = new ArrayList<>();
        try (Stream<Path> files = Files.walk(exports)) {
            for (Path file : files.filter(p -> p.endsWith("conversation.json")).toList()) {
                for (JsonNode step : json.readTree(file.toFile()).at("/conversation/agent_flow")) {
                    step.path("model_calls").forEach(calls::add);
                }
            }
        }
        return calls;
    }
}
