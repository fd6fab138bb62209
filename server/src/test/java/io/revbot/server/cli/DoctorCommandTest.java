package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path home;

    private final MockWebServer server = new MockWebServer();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> environment() throws Exception {
        Path kb = Files.createDirectories(home.resolve("kb/business_logic"));
        Files.writeString(kb.resolve("stages.md"), "# Stages\n\nDiscovery, then Qualification.\n");
        Map<String, String> env = new HashMap<>();
        env.put("REVBOT_HOME", home.resolve("state").toString());
        env.put("REVBOT_KNOWLEDGE_DIR", home.resolve("kb").toString());
        env.put("REVBOT_MODEL_PROVIDER", "anthropic");
        return env;
    }

    private int doctor(Map<String, String> env, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "doctor";
        System.arraycopy(args, 0, full, 1, args.length);
        return RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(full);
    }

    @Test
    void aFailingConfiguredIntegrationIsNamedWithItsExactErrorAndExitsOne() throws Exception {
        Map<String, String> env = environment();
        env.put("GONG_ACCESS_KEY", "gong-key");
        env.put("GONG_ACCESS_KEY_SECRET", "gong-secret");
        env.put("GONG_BASE_URL", server.url("/").toString());
        env.put("SLACK_BOT_TOKEN", "xoxb-doctor");
        env.put("SLACK_SIGNING_SECRET", "signing");
        env.put("REVBOT_SLACK_API_URL", server.url("/api/").toString());
        server.enqueue(new MockResponse.Builder()
                .code(401)
                .setHeader("Content-Type", "application/json")
                .body("{\"requestId\":\"r1\",\"errors\":[\"Invalid access key or secret\"]}")
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"team\":\"Acme\",\"user\":\"revbot\",\"team_id\":\"T1\",\"user_id\":\"U1\"}")
                .build());

        int exit = doctor(env);

        String text = out.toString();
        assertThat(exit).as(err.toString()).isEqualTo(1);
        assertThat(text)
                .containsPattern(
                        "(?m)^model +not configured +No model is configured: provider anthropic needs ANTHROPIC_API_KEY");
        assertThat(text).containsPattern("(?m)^warehouse +ok +demo \\(DuckDB, .*\\) answered SELECT 1 in \\d+ ms$");
        assertThat(text).containsPattern("(?m)^crm +ok +warehouse CRM tables");
        assertThat(text).containsPattern("(?m)^calls +FAILED +Gong: HTTP 401: Invalid access key or secret$");
        assertThat(text).containsPattern("(?m)^web search +not configured +REVBOT_SEARCH_PROVIDER=none");
        assertThat(text)
                .containsPattern(
                        "(?m)^slack +ok +slack \\(http://" + server.getHostName() + "\\) auth.test: Acme / revbot$");
        assertThat(text).containsPattern("(?m)^database +not configured +embedded mode");
        assertThat(text)
                .as("a knowledge store never ingested does not hold the folder's chunks")
                .containsPattern("(?m)^knowledge +FAILED +in-memory index .* holds 0 of the folder's 1 chunks as they"
                        + " are now \\(1 new, 0 changed, 0 to remove\\) .*: run `revbot ingest`");
        assertThat(text).containsPattern("(?m)^webhook +not configured +set REVBOT_OUTBOUND_WEBHOOK_URL");
        assertThat(text).doesNotContain("gong-secret", "xoxb-doctor");

        RecordedRequest gong = server.takeRequest();
        assertThat(gong.getUrl().encodedPath()).isEqualTo("/v2/calls");
        assertThat(gong.getHeaders().get("Authorization")).startsWith("Basic ");
        RecordedRequest slack = server.takeRequest();
        assertThat(slack.getUrl().encodedPath()).isEqualTo("/api/auth.test");
        assertThat(slack.getHeaders().get("Authorization")).isEqualTo("Bearer xoxb-doctor");
    }

    @Test
    void withNothingFailingItExitsZeroAndJsonListsEveryIntegration() throws Exception {
        Map<String, String> env = environment();
        assertThat(RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err))
                        .execute("ingest"))
                .isZero();
        out.getBuffer().setLength(0);

        int exit = doctor(env, "--json");

        assertThat(exit).as(out + err.toString()).isZero();
        assertThat(out.toString())
                .contains("\"integration\" : \"warehouse\"", "\"integration\" : \"knowledge\"")
                .contains("\"status\" : \"not_configured\"")
                .doesNotContain("\"status\" : \"failed\"")
                .containsPattern("\"detail\" : \"in-memory index .* holds the folder's 1 chunks");
    }

    @Test
    void aWebhookSigningSecretThatIsNotAStandardWebhooksSecretFailsWithoutShowingIt() throws Exception {
        Map<String, String> env = environment();
        env.put("REVBOT_WEBHOOK_SIGNING_SECRET", "my-shared-password");

        int exit = doctor(env);

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("(?m)^webhook +FAILED +REVBOT_WEBHOOK_SIGNING_SECRET does not start with whsec_")
                .doesNotContain("my-shared-password");

        out.getBuffer().setLength(0);
        env.put("REVBOT_WEBHOOK_SIGNING_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        env.put("REVBOT_OUTBOUND_WEBHOOK_URL", "https://hooks.example.com/revbot?token=abc");
        doctor(env);
        assertThat(out.toString())
                .containsPattern("(?m)^webhook +ok +REVBOT_WEBHOOK_SIGNING_SECRET is a Standard Webhooks secret"
                        + " \\(24-byte key\\); results go to https://hooks.example.com$");
    }
}
