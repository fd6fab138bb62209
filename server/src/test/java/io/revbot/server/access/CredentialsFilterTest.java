package io.revbot.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.Metrics;
import io.revbot.server.config.Config;
import io.revbot.server.config.NamedToken;
import io.revbot.server.config.Settings;
import io.revbot.server.http.HealthChecks;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.RevbotServer;
import io.revbot.server.http.Routes;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.tools.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate as {@code serve} runs it ({@link RevbotServer} with Helidon's observe feature): {@code /observe/metrics}
 * needs credentials and health does not; the login form's cookie; wrong tokens and failed logins counted per address.
 */
class CredentialsFilterTest {
    static final String VIEWER = "viewer-token-for-tests-0001";
    static final String CLIENT = "client-token-crm-app-0002";

    final Credentials credentials = new Credentials(
            List.of(new NamedToken("crm-app", Secret.of(CLIENT))), List.of(new NamedToken("ops", Secret.of(VIEWER))));
    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    RevbotServer server;

    RevbotServer start(FailedAuthLimiter limiter, boolean anonymous) {
        Clock clock = Clock.systemUTC();
        InMemoryJobQueue queue = new InMemoryJobQueue(clock);
        server = new RevbotServer(
                        "127.0.0.1",
                        0,
                        new CredentialsFilter(credentials, limiter, anonymous, clock),
                        List.of(new Routes.Mount("/", new LoginService(credentials, limiter, clock))),
                        new RequestMetrics(Metrics.globalRegistry()),
                        HealthChecks.of(
                                Optional.empty(),
                                Config.from(Settings.of(Map.of())).model(),
                                queue),
                        new JobWorkers(
                                queue,
                                Map.of(),
                                JobWorkers.Settings.of(1, Duration.ofMinutes(1)),
                                JobObserver.NONE,
                                "t"),
                        Duration.ofSeconds(1))
                .start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        http.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String token, String next) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&next=" + next))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsNeedATokenAndHealthStaysOpen() throws Exception {
        start(new FailedAuthLimiter(100, Clock.systemUTC()), false);

        assertThat(get("/observe/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/observe/metrics", "Authorization", "Bearer wrong-token")
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> viewer = get("/observe/metrics", "Authorization", "Bearer " + VIEWER);
        assertThat(viewer.statusCode()).isEqualTo(200);
        assertThat(viewer.body()).contains("# TYPE");
        assertThat(get("/observe/metrics", "Authorization", "Bearer " + CLIENT).statusCode())
                .isEqualTo(200);
        assertThat(get("/observe/health").statusCode()).isIn(200, 503);
        assertThat(get("/observe/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/anything-mounted-later").statusCode())
                .as("denied by default")
                .isEqualTo(401);
    }

    @Test
    void anOpenViewerIsOpenToEveryone() throws Exception {
        start(new FailedAuthLimiter(100, Clock.systemUTC()), true);
        assertThat(get("/observe/metrics").statusCode()).isEqualTo(200);
    }

    @Test
    void aLoginSetsASecureHttpOnlySameSiteCookieThatOpensTheMetrics() throws Exception {
        start(new FailedAuthLimiter(100, Clock.systemUTC()), false);

        HttpResponse<String> ok = login(VIEWER, "/observe/metrics");

        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).contains("/observe/metrics");
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("revbot_session=v1~viewer~ops~")
                .contains("HttpOnly")
                .contains("Secure")
                .containsIgnoringCase("SameSite=Strict")
                .doesNotContain(VIEWER);
        String session = cookie.substring(0, cookie.indexOf(';'));
        assertThat(get("/observe/metrics", "Cookie", session).statusCode()).isEqualTo(200);
        String forged = session.replace("~ops~", "~root~");
        assertThat(get("/observe/metrics", "Cookie", forged).statusCode()).isEqualTo(401);
        String tampered = session.substring(0, session.length() - 2) + "xx";
        assertThat(get("/observe/metrics", "Cookie", tampered).statusCode()).isEqualTo(401);

        HttpResponse<String> logout = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/logout"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(
                        c -> assertThat(c).startsWith("revbot_session=;").contains("Expires=Thu, 1 Jan 1970"));
    }

    @Test
    void aWrongLoginShowsTheFormAgainAndALoginNeverRedirectsOffTheServer() throws Exception {
        start(new FailedAuthLimiter(100, Clock.systemUTC()), false);

        HttpResponse<String> wrong = login("nope", "/conversations");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("That token is not valid.");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        for (String next : List.of("https://evil.example/", "//evil.example/", "/\\evil.example")) {
            HttpResponse<String> ok =
                    login(CLIENT, java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(ok.headers().firstValue("Location")).as(next).contains("/conversations");
        }
        HttpResponse<String> escaped = get("/login?next=/%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(escaped.body()).doesNotContain("<script>alert(1)").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void wrongTokensAndFailedLoginsFromOneAddressAreLimitedUntilTheAllowanceRefills() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        start(new FailedAuthLimiter(3, clock), false);

        assertThat(get("/observe/metrics", "Authorization", "Bearer guess-1").statusCode())
                .isEqualTo(401);
        assertThat(login("guess-2", "/").statusCode()).isEqualTo(401);
        assertThat(get("/observe/metrics", "Authorization", "Bearer guess-3").statusCode())
                .isEqualTo(401);

        HttpResponse<String> limited = get("/observe/metrics", "Authorization", "Bearer " + VIEWER);
        assertThat(limited.statusCode()).as("even the right token waits").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("20");
        assertThat(login(VIEWER, "/").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(21));
        assertThat(get("/observe/metrics", "Authorization", "Bearer " + VIEWER).statusCode())
                .isEqualTo(200);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
