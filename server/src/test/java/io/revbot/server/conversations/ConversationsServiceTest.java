package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import io.revbot.orchestrator.recording.RunFeedback;
import io.revbot.server.access.Credentials;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.access.LoginService;
import io.revbot.server.cli.RecordedRuns;
import io.revbot.server.config.NamedToken;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.Routes;
import io.revbot.tools.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's API over HTTP behind the production gate ({@link Routes#routing} with a {@link CredentialsFilter}): an
 * operator's viewer token sees every run, an API client's token only its own.
 */
class ConversationsServiceTest {
    static final String VIEWER = "viewer-token-for-tests-0001";
    static final String CLIENT = "client-token-crm-app-0002";
    static final String OTHER_CLIENT = "client-token-reports-0003";

    @TempDir
    static Path exports;

    static WebServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        RecordedRuns.writeTo(exports);
        new FileFeedbackStore(exports)
                .record(new RunFeedback(
                        "run-103", RunFeedback.Value.NEGATIVE, "slack:T1:U1", Instant.parse("2026-11-24T12:00:00Z")));
        Credentials credentials = new Credentials(
                List.of(
                        new NamedToken("crm-app", Secret.of(CLIENT)),
                        new NamedToken("reports", Secret.of(OTHER_CLIENT))),
                List.of(new NamedToken("ops", Secret.of(VIEWER))));
        // Generous: these tests share one address; the limit has its own test.
        FailedAuthLimiter limiter = new FailedAuthLimiter(1_000, Clock.systemUTC());
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> Routes.routing(
                        r,
                        new RequestMetrics(Metrics.globalRegistry()),
                        new CredentialsFilter(credentials, limiter, false, Clock.systemUTC()),
                        List.of(
                                new Routes.Mount(
                                        "/",
                                        new ConversationsService(
                                                new ConversationStore(exports, new FileFeedbackStore(exports)))),
                                new Routes.Mount("/", new LoginService(credentials, limiter, Clock.systemUTC())))))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return get(path, VIEWER);
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) throws Exception {
        return json(path, VIEWER);
    }

    static JsonNode json(String path, String token) throws Exception {
        HttpResponse<String> res = get(path, token);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return ConversationJson.MAPPER.readTree(res.body());
    }

    @Test
    void theListFiltersByChannelAgentStatusAndDate() throws Exception {
        assertThat(json("/api/conversations")).hasSize(13);
        assertThat(json("/api/conversations?channel=cli"))
                .allSatisfy(r -> assertThat(r.get("channel").asText()).isEqualTo("cli"));
        assertThat(json("/api/conversations?agent=web_search"))
                .extracting(r -> r.get("runId").asText())
                .containsExactlyInAnyOrder("run-103", "run-108");
        assertThat(json("/api/conversations?status=failed")).hasSize(2);
        // Runs start 1 h, 13 h, 25 h… before 2026-11-24T12:00Z; "until" includes its whole day.
        assertThat(json("/api/conversations?since=2026-11-23&until=2026-11-23"))
                .extracting(r -> r.get("runId").asText())
                .containsExactlyInAnyOrder("run-101", "run-102");
        assertThat(get("/api/conversations?since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void badParametersAndIdentifiersAre400WithAJsonErrorAndNoExceptionText() throws Exception {
        for (String path : List.of(
                "/api/conversations?limit=-1",
                "/api/conversations?limit=0",
                "/api/conversations?limit=99999999999",
                "/api/conversations?feedback=meh",
                "/api/conversations/run%00103",
                "/api/conversations/run%3B103",
                "/api/conversations/%20")) {
            HttpResponse<String> res = get(path);
            assertThat(res.statusCode()).as(path).isEqualTo(400);
            JsonNode body = ConversationJson.MAPPER.readTree(res.body());
            assertThat(body.at("/success").asBoolean(true)).as(path).isFalse();
            assertThat(body.at("/error/code").asText()).as(path).isNotBlank();
            assertThat(res.body()).as(path).doesNotContain("Exception", "java.", "/tmp");
        }
    }

    @Test
    void theListAndOneConversationCarryTheFeedbackGivenOnTheAnswer() throws Exception {
        assertThat(json("/api/conversations?feedback=negative"))
                .extracting(r -> r.get("runId").asText())
                .containsExactly("run-103");
        assertThat(json("/api/conversations"))
                .filteredOn(r -> !r.get("runId").asText().equals("run-103"))
                .allSatisfy(r -> assertThat(r.get("feedback").isNull()).isTrue());
        assertThat(json("/api/conversations/run-103")
                        .at("/metadata/feedback/value")
                        .asText())
                .isEqualTo("negative");
    }

    @Test
    void oneConversationComesWithItsMetadataAndUnknownIdsAre404() throws Exception {
        JsonNode run = json("/api/conversations/run-103");
        assertThat(run.at("/conversation/conversation/metadata/run_id").asText())
                .isEqualTo("run-103");
        assertThat(run.at("/metadata/quality/score").isNumber()).isTrue();
        HttpResponse<String> missing = get("/api/conversations/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("not_found");
    }

    @Test
    void withoutCredentialsTheApiIs401AndThePageSendsABrowserToTheLoginForm() throws Exception {
        HttpResponse<String> api = get("/api/conversations", null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"revbot\"");
        assertThat(api.body()).contains("unauthorized").doesNotContain("run-1");
        assertThat(get("/api/conversations/run-103", null).statusCode()).isEqualTo(401);
        assertThat(get("/conversations/viewer.js", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/conversations", "not-a-token").statusCode()).isEqualTo(401);

        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/conversations"))
                        .header("Accept", "text/html,application/xhtml+xml")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2Fconversations");
        HttpResponse<String> login = get("/login?next=/conversations", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"token\"").contains("value=\"/conversations\"");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void anApiClientSeesOnlyTheRunsItAskedForAndAnyOtherIsNotFound() throws Exception {
        assertThat(json("/api/conversations", CLIENT))
                .extracting(
                        r -> r.get("runId").asText() + " " + r.get("requester").asText())
                .containsExactlyInAnyOrder("run-100 api:crm-app", "run-105 api:crm-app", "run-110 api:crm-app");
        assertThat(json("/api/conversations?limit=1", CLIENT)).hasSize(1);
        assertThat(json("/api/conversations/run-105", CLIENT)
                        .at("/conversation/conversation/metadata/requester")
                        .asText())
                .isEqualTo("api:crm-app");
        HttpResponse<String> someoneElses = get("/api/conversations/run-103", CLIENT);
        assertThat(someoneElses.statusCode()).isEqualTo(404);
        assertThat(someoneElses.body())
                .isEqualTo(get("/api/conversations/run-999", CLIENT).body().replace("run-999", "run-103"));
        assertThat(json("/api/conversations", OTHER_CLIENT)).isEmpty();
        assertThat(get("/api/conversations/run-100", OTHER_CLIENT).statusCode()).isEqualTo(404);
    }

    @Test
    void aPathThatLeavesAnOpenPrefixIsStillGuarded() throws Exception {
        for (String path : List.of(
                "/webhook/../api/conversations",
                "/login/../api/conversations",
                "/observe/health/../../api/conversations",
                "/webhook/%2e%2e/api/conversations")) {
            // A raw request: HTTP clients normalise such paths before sending them.
            try (var socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                                socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(status).as(path).isNotNull().doesNotStartWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void theViewerPageAndItsAssetsAreServedAndNothingElse() throws Exception {
        HttpResponse<String> page = get("/conversations");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"/conversations/viewer.js\">");
        assertThat(get("/conversations/viewer.js").statusCode()).isEqualTo(200);
        assertThat(get("/conversations/viewer.css").statusCode()).isEqualTo(200);
        assertThat(get("/conversations/..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/conversations/secret.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void theUsagePageAndItsApiNeedTheSameCredentialsAndAClientCountsOnlyItsOwnRuns() throws Exception {
        assertThat(get("/api/usage", null).statusCode()).isEqualTo(401);
        assertThat(get("/conversations/usage", null).statusCode()).isEqualTo(401);
        assertThat(get("/conversations/lib/chart.umd.js", null).statusCode()).isEqualTo(401);

        JsonNode all = json("/api/usage");
        assertThat(all.get("runs").asInt()).isEqualTo(13);
        int charted = 0;
        for (JsonNode series : all.get("runs_per_day")) {
            for (JsonNode n : series.get("counts")) {
                charted += n.asInt();
            }
        }
        assertThat(charted).isEqualTo(13);
        // One day per calendar day from the run 40 days old to today, none missing.
        assertThat(all.get("days")).hasSize(41);
        assertThat(all.get("zone").asText()).isEqualTo("Z");

        JsonNode client = json("/api/usage", CLIENT);
        assertThat(client.get("runs").asInt()).isEqualTo(3); // run-100, run-105, run-110
        assertThat(json("/api/usage?since=2026-11-23&tz=America/New_York")
                        .get("zone")
                        .asText())
                .isEqualTo("America/New_York");
        // Runs at 11:00Z on the 24th and 23:00Z on the 23rd: the latter is the 24th in Tokyo.
        assertThat(json("/api/usage?since=2026-11-24").get("runs").asInt()).isEqualTo(1);
        assertThat(json("/api/usage?since=2026-11-24&tz=Asia/Tokyo").get("runs").asInt())
                .isEqualTo(2);
        assertThat(get("/api/usage?tz=Mars/Olympus").statusCode()).isEqualTo(400);
        assertThat(get("/api/usage?since=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void thePagesLoadOnlyTheirOwnFilesAndChartJsComesFromItsWebJar() throws Exception {
        for (String page : List.of("/conversations", "/conversations/usage")) {
            HttpResponse<String> res = get(page);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'none'")
                            .contains("script-src 'self'")
                            .contains("connect-src 'self'")
                            .contains("img-src 'self' data:")
                            .doesNotContain("unsafe"));
            assertThat(res.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        }
        assertThat(get("/conversations/usage").body()).contains("<script src=\"/conversations/lib/chart.umd.js\">");
        HttpResponse<String> chart = get("/conversations/lib/chart.umd.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
        assertThat(chart.body()).contains("Chart.js v4.").hasSizeGreaterThan(100_000);
    }
}
