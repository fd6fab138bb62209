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
        Files.writeString(kb.resolve("stages.md"), "# Stages\n");
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
        assertThat(text).containsPattern("(?m)^knowledge +ok +.* holds 1 markdown document\\(s\\)$");
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
        int exit = doctor(environment(), "--json");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("\"integration\" : \"warehouse\"", "\"integration\" : \"knowledge\"")
                .contains("\"status\" : \"not_configured\"")
                .doesNotContain("\"status\" : \"failed\"");
    }
}
