package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.server.access.Credentials;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.access.LoginService;
import io.revbot.server.cli.RecordedRuns;
import io.revbot.server.config.NamedToken;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.Routes;
import io.revbot.tools.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the viewer in headless Chromium (Debian's {@code chromium} package) against servers holding recorded runs,
 * behind the production gate: one open to a trusted network ({@code REVBOT_VIEWER_ALLOW_ANONYMOUS}), where the
 * rendered page must show every agent and every tool of a run, and one that needs credentials, where a person signs
 * in through the login form. Also writes a screenshot to {@code target/viewer-screenshot.png} for a person to look at.
 * Fails when Chromium is missing in CI ({@code CI} or {@code REVBOT_REQUIRE_DB=1} set); skipped on a developer machine
 * without it.
 */
class ConversationViewerIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String VIEWER_TOKEN = "viewer-token-for-the-browser-0001";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path exports;

    @TempDir
    static Path profile;

    @TempDir
    static Path loginProfile;

    static WebServer server;
    static WebServer guarded;
    static RecordedRuns recorded;

    @BeforeAll
    static void start() throws Exception {
        boolean required = System.getenv("CI") != null || "1".equals(System.getenv("REVBOT_REQUIRE_DB"));
        if (required) {
            assertThat(CHROMIUM).as("apt-get install -y chromium").isExecutable();
        } else {
            assumeThat(Files.isExecutable(CHROMIUM))
                    .as("chromium is not installed")
                    .isTrue();
        }
        recorded = RecordedRuns.writeTo(exports);
        server = viewer(true);
        guarded = viewer(false);
    }

    /** The viewer and the login form behind the production gate, open to anyone or only with credentials. */
    private static WebServer viewer(boolean anonymous) {
        Credentials credentials = new Credentials(List.of(), List.of(new NamedToken("ops", Secret.of(VIEWER_TOKEN))));
        FailedAuthLimiter limiter = new FailedAuthLimiter(100, Clock.systemUTC());
        return WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> Routes.routing(
                        r,
                        new RequestMetrics(Metrics.globalRegistry()),
                        new CredentialsFilter(credentials, limiter, anonymous, Clock.systemUTC()),
                        List.of(
                                new Routes.Mount("/", new ConversationsService(new ConversationStore(exports))),
                                new Routes.Mount("/", new LoginService(credentials, limiter, Clock.systemUTC())))))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (guarded != null) {
            guarded.stop();
        }
    }

    @Test
    void aPersonSignsInThroughTheLoginFormAndTheViewerLoadsWithASecureHttpOnlySameSiteCookie() throws Exception {
        String base = "http://127.0.0.1:" + guarded.port();
        try (HeadlessChromium browser = new HeadlessChromium(CHROMIUM, loginProfile)) {
            browser.navigate(base + "/conversations");
            browser.await("location.pathname + '|' + document.readyState", "/login|complete"::equals, WAIT);
            assertThat(browser.evaluate("document.querySelector('input[name=next]').value")
                            .asText())
                    .isEqualTo("/conversations");

            // A wrong token: the form again, saying so, and no session.
            browser.evaluate("document.getElementById('token').value = 'not-the-token';"
                    + " document.querySelector('form').submit(); true");
            browser.await(
                    "document.readyState + '|' + (document.querySelector('.error') || {}).textContent",
                    v -> v.equals("complete|That token is not valid."),
                    WAIT);
            assertThat(browser.cookies()).noneMatch(c -> c.path("name").asText().equals("revbot_session"));

            browser.evaluate("document.getElementById('token').value = '" + VIEWER_TOKEN + "';"
                    + " document.querySelector('form').submit(); true");
            browser.await(
                    "location.pathname + '|' + document.querySelectorAll('[data-run]').length",
                    v -> v.equals("/conversations|13"),
                    WAIT);

            JsonNode session = browser.cookies().stream()
                    .filter(c -> c.path("name").asText().equals("revbot_session"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no session cookie"));
            assertThat(session.path("httpOnly").asBoolean()).isTrue();
            assertThat(session.path("secure").asBoolean()).isTrue();
            assertThat(session.path("sameSite").asText()).isEqualTo("Strict");
            assertThat(session.path("value").asText()).doesNotContain(VIEWER_TOKEN);
            assertThat(browser.evaluate("document.cookie").asText())
                    .as("scripts cannot read it")
                    .doesNotContain("revbot_session");

            // The cookie opens one conversation too; signing out ends the session.
            browser.navigate(base + "/conversations#run-103");
            browser.await("String(document.querySelector('[data-testid=gantt]') !== null)", "true"::equals, WAIT);
            browser.evaluate("document.querySelector('form.logout').submit(); true");
            browser.await("location.pathname + '|' + document.readyState", "/login|complete"::equals, WAIT);
            browser.navigate(base + "/conversations");
            browser.await("location.pathname + '|' + document.readyState", "/login|complete"::equals, WAIT);
        }
    }

    @Test
    void theTimelineOfARecordedRunShowsEachOfItsAgentsAndTools() throws Exception {
        // run-100: the manager delegates to deal_analysis and data in parallel (deal_review, run_sql).
        List<RunEvent> events = recorded.runs.get(0);
        Set<String> agents = new LinkedHashSet<>();
        Set<String> tools = new LinkedHashSet<>();
        for (RunEvent e : events) {
            if (e instanceof RunEvent.InvocationStarted a) {
                agents.add(a.agent().value());
            } else if (e instanceof RunEvent.ToolStarted t) {
                tools.add(t.tool());
            }
        }
        assertThat(agents).containsExactly("manager", "deal_analysis", "data");
        assertThat(tools).containsExactlyInAnyOrder("deal_review", "run_sql");

        String url = "http://127.0.0.1:" + server.port() + "/conversations#run-100";
        String dom = chromium(List.of("--dump-dom", url));

        assertThat(dom).contains("data-run=\"run-100\"");
        for (String agent : agents) {
            assertThat(dom).as("agent " + agent).contains("data-agent=\"" + agent + "\"");
        }
        for (String tool : tools) {
            assertThat(dom).as("tool " + tool).contains("data-tool=\"" + tool + "\"");
        }
        assertThat(dom)
                .contains("How is the Acme renewal looking")
                .contains("select sum(amount) from opportunities") // the run_sql arguments
                .contains("Routing: ")
                .contains("data-testid=\"gantt\"")
                // the list shows every recorded run
                .contains("data-run=\"run-111\"");

        Path screenshot = Path.of("target", "viewer-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(List.of("--screenshot=" + screenshot, "--window-size=1400,1600", url));
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static String chromium(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                // lets the page's fetch() calls finish before the DOM is dumped or the screenshot taken
                "--virtual-time-budget=10000"));
        command.addAll(args);
        Path log = Files.createTempFile("chromium", ".log");
        Process p = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return out;
    }
}
