package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.testing.FakeConverse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} calls each configured model once, through the real Bedrock client, and says how it went. */
class DoctorModelIT {
    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path home;

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

    Map<String, String> environment(String endpoint) throws Exception {
        Path kb = Files.createDirectories(home.resolve("kb"));
        Files.writeString(kb.resolve("stages.md"), "# Stages\n\nDiscovery, then Qualification.\n");
        Map<String, String> env = new HashMap<>();
        env.put("REVBOT_HOME", home.resolve("state").toString());
        env.put("REVBOT_KNOWLEDGE_DIR", kb.toString());
        env.put("REVBOT_MODEL_PROVIDER", "bedrock");
        env.put("REVBOT_MODEL", "primary-model");
        env.put("REVBOT_FALLBACK_MODEL", "fallback-model");
        env.put("REVBOT_ROUTER_MODEL", "router-model");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("REVBOT_BEDROCK_ENDPOINT", endpoint);
        return env;
    }

    int doctor(Map<String, String> env) {
        return RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("doctor");
    }

    @Test
    void eachConfiguredModelIsCalledOnceAndItsLatencyReported() throws Exception {
        converse.on(
                "<unknown agent>", List.of(FakeConverse.text("ok"), FakeConverse.text("ok"), FakeConverse.text("ok")));

        doctor(environment("http://127.0.0.1:" + server.getPort()));

        String text = out.toString();
        assertThat(text)
                .containsPattern("(?m)^model +ok +bedrock model primary-model answered in \\d+ ms$")
                .containsPattern("(?m)^fallback model +ok +bedrock model fallback-model answered in \\d+ ms$")
                .containsPattern("(?m)^router model +ok +bedrock model router-model answered in \\d+ ms$");
        assertThat(converse.received())
                .extracting(FakeConverse::modelOf)
                .containsExactly("primary-model", "fallback-model", "router-model");
        assertThat(converse.received()
                        .get(0)
                        .body()
                        .at("/inferenceConfig/maxTokens")
                        .asInt())
                .as("a tiny call")
                .isLessThanOrEqualTo(5);
    }

    @Test
    void aModelEndpointWhereNothingListensFailsNamingTheModelAndExitsOne() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int exit = doctor(environment("http://127.0.0.1:" + closedPort));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("(?m)^model +FAILED +bedrock model primary-model: cannot connect to http://127.0.0.1:"
                        + closedPort + ": .*Connection refused.*$");
    }

    @Test
    void aModelIdTheProviderRejectsIsReportedWithTheProvidersMessage() throws Exception {
        // the fake answers 400 ValidationException for a request it has no script for
        int exit = doctor(environment("http://127.0.0.1:" + server.getPort()));

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("(?m)^model +FAILED +bedrock model primary-model: .*no scripted reply.*$");
    }
}
