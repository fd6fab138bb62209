package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.server.db.Database;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobState;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.tools.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook API end to end: HTTP in, PostgreSQL queue, scripted supervisor, signed delivery to a receiver. */
class WebhookApiIT {
    private HikariDataSource dataSource;
    private PostgresJobQueue queue;
    private WebhookFixture revbot;
    private MockWebServer receiver;

    @BeforeEach
    void start() throws Exception {
        dataSource = Database.pool(TestDatabases.freshSchema(TestDatabases.postgresUrl(), "webhook"), 10);
        Database.migrate(dataSource);
        queue = new PostgresJobQueue(dataSource);
        revbot = new WebhookFixture(queue, 3);
        receiver = new MockWebServer();
        receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        // Fields are null when the test was skipped for want of a database.
        if (revbot != null) {
            revbot.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/webhook/" + name), StandardCharsets.UTF_8);
    }

    private String request(String query) {
        return "{\"query\": \"" + query + "\", \"source_system\": \"crm_app\", \"source_process\": \"weekly_review\","
                + " \"timestamp\": \"2026-11-24T07:00:00Z\", \"webhook_url\": \"" + receiver.url("/hook") + "\"}";
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return WebhookJson.MAPPER.readTree(response.body());
    }

    private JsonNode awaitStatus(String trackingId, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(revbot.status(trackingId));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("status never matched; last: " + last);
    }

    private Job awaitJob(JobId id, JobState state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Job job = queue.find(id).orElseThrow();
            if (job.state() == state) {
                return job;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("job " + id + " never reached " + state + ": " + queue.find(id));
    }

    private static Map<String, List<String>> headers(RecordedRequest r) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.getHeaders().toMultimap().forEach(out::put);
        return out;
    }

    // --- accepted ---

    @Test
    void aValidRequestIsQueuedDurablyBeforeThe202WithATrackingId() throws Exception {
        revbot.supervisor.holding();
        HttpResponse<String> response = revbot.post(fixture("request.json"));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("message").asText()).isEqualTo("Request queued for processing");
        assertThat(body.get("queued_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(body.get("estimated_processing_time").asText()).isNotBlank();
        String trackingId = body.get("tracking_id").asText();
        Job stored =
                new PostgresJobQueue(dataSource).find(new JobId(trackingId)).orElseThrow();
        assertThat(stored.kind()).isEqualTo(JobKind.WEBHOOK_REQUEST);
        assertThat(stored.payload()).contains("What deals are closing this quarter?");
        revbot.supervisor.release();
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameTrackingId() throws Exception {
        revbot.supervisor.holding();
        HttpRequest.Builder request = HttpRequest.newBuilder(revbot.uri("/webhook"))
                .header("Authorization", "Bearer " + WebhookFixture.TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "client-retry-1")
                .POST(HttpRequest.BodyPublishers.ofString(request("once")));

        JsonNode first = json(revbot.send(request));
        JsonNode second = json(revbot.send(request));

        assertThat(second.get("tracking_id")).isEqualTo(first.get("tracking_id"));
        assertThat(second.get("message").asText()).isEqualTo("Request already queued");
        revbot.supervisor.release();
    }

    // --- rejected ---

    private HttpResponse<String> raw(String contentType, String auth, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(revbot.uri("/webhook")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return revbot.send(b);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        JsonNode body = json(response);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).isNotBlank();
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWith401() throws Exception {
        String ok = request("q");
        assertError(raw("application/json", null, ok), 401, "unauthorized");
        assertError(raw("application/json", "Bearer not-the-token", ok), 401, "unauthorized");
        assertError(raw("application/json", "Basic " + WebhookFixture.TOKEN, ok), 401, "unauthorized");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void withoutConfiguredTokensEveryRequestIsRefused() throws Exception {
        try (var open = new WebhookFixture(queue, List.of(), true, 100, 3, Optional.empty())) {
            HttpResponse<String> response = open.send(HttpRequest.newBuilder(open.uri("/webhook"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request("q"))));
            assertError(response, 401, "unauthorized");
            assertThat(json(response).at("/error/message").asText()).contains("REVBOT_API_TOKENS");
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415() throws Exception {
        String auth = "Bearer " + WebhookFixture.TOKEN;
        assertError(raw("text/plain", auth, request("q")), 415, "unsupported_media_type");
        assertError(raw("application/x-www-form-urlencoded", auth, "query=q"), 415, "unsupported_media_type");
        assertError(raw(null, auth, request("q")), 415, "unsupported_media_type");
        assertThat(raw("application/json; charset=utf-8", auth, request("q")).statusCode())
                .isEqualTo(202);
    }

    @Test
    void aBodyOver64KibIsRefusedWith413() throws Exception {
        String big = "{\"query\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertError(raw("application/json", "Bearer " + WebhookFixture.TOKEN, big), 413, "payload_too_large");
    }

    @Test
    void badFieldsAreRefusedWith400AndSayWhich() throws Exception {
        assertError(revbot.post("{\"source_system\": \"crm\"}"), 400, "missing_query");
        assertError(revbot.post("{\"query\": \"   \"}"), 400, "missing_query");
        assertError(revbot.post("{\"query\": 42}"), 400, "invalid_field");
        assertError(revbot.post("{\"query\": \"" + "q".repeat(8_001) + "\"}"), 400, "field_too_long");
        assertError(
                revbot.post("{\"query\": \"q\", \"source_system\": \"" + "s".repeat(201) + "\"}"),
                400,
                "field_too_long");
        assertError(revbot.post("{\"query\": \"q\", \"timestamp\": \"yesterday\"}"), 400, "invalid_timestamp");
        assertError(
                revbot.post("{\"query\": \"q\", \"timestamp\": \"2026-11-24T07:00:00\"}"), 400, "invalid_timestamp");
        assertError(
                revbot.post("{\"query\": \"q\", \"webhook_url\": \"ftp://example.com/x\"}"),
                400,
                "invalid_webhook_url");
        assertError(revbot.post("{\"query\": "), 400, "invalid_json");
        assertError(revbot.post("[\"query\"]"), 400, "invalid_json");
        assertThat(queue.depth()).isZero();
    }

    @Test
    void badIdentifiersAndParametersAre400WithAJsonErrorNeverAnExceptionText() throws Exception {
        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(revbot.post("{\"query\": \"q\", \"session_id\": \"a\\u0000b\"}"));
        refused.add(revbot.post("{\"query\": \"q\\u0000\"}"));
        refused.add(revbot.post("{\"query\": \"q\", \"source_system\": \"crm\\napp\"}"));
        refused.add(revbot.status("not-a-tracking-id"));
        refused.add(revbot.status("%00"));
        refused.add(revbot.status("x".repeat(500)));
        refused.add(revbot.send(HttpRequest.newBuilder(revbot.uri("/webhook/not-a-tracking-id/events"))
                .header("Authorization", "Bearer " + WebhookFixture.TOKEN)));
        for (String path : List.of("/api/jobs?limit=-1", "/api/jobs?limit=abc", "/api/jobs?state=sleeping")) {
            refused.add(revbot.send(HttpRequest.newBuilder(revbot.uri(path))
                    .header("Authorization", "Bearer " + WebhookFixture.VIEWER_TOKEN)));
        }
        refused.add(revbot.send(HttpRequest.newBuilder(revbot.uri("/api/jobs/not-a-job-id/retry"))
                .header("Authorization", "Bearer " + WebhookFixture.VIEWER_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody())));

        for (HttpResponse<String> r : refused) {
            assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(400);
            JsonNode body = json(r);
            assertThat(body.get("success").asBoolean()).isFalse();
            assertThat(body.at("/error/code").asText()).as(r.body()).isNotBlank();
            assertThat(r.body()).doesNotContain("Exception", "SQL", "java.");
        }
        assertThat(queue.stats().waiting()).as("nothing was queued").isZero();
        HttpResponse<String> client = revbot.send(HttpRequest.newBuilder(revbot.uri("/api/jobs"))
                .header("Authorization", "Bearer " + WebhookFixture.TOKEN));
        assertThat(client.statusCode()).as("the queue is for operators").isEqualTo(403);
        assertThat(revbot.send(HttpRequest.newBuilder(revbot.uri("/api/jobs"))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void callersOverTheirRateAreRefusedWith429AndRetryAfter() throws Exception {
        try (var limited = new WebhookFixture(queue, WebhookFixture.clients(), true, 3, 3, Optional.empty())) {
            limited.supervisor.holding();
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 4; i++) {
                last = limited.post(request("q" + i));
                statuses.add(last.statusCode());
            }
            assertThat(statuses).containsExactly(202, 202, 202, 429);
            assertError(last, 429, "rate_limited");
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            limited.supervisor.release();
        }
    }

    @Test
    void webhookUrlsPointingInsideTheNetworkAreRefused() throws Exception {
        try (var guarded = new WebhookFixture(queue, WebhookFixture.clients(), false, 100, 3, Optional.empty())) {
            for (String url : List.of(
                    "http://127.0.0.1:8080/hook",
                    "http://localhost/hook",
                    "http://169.254.169.254/latest/meta-data/",
                    "http://10.1.2.3/hook",
                    "http://192.168.0.10/hook",
                    "http://[::1]/hook",
                    "file:///etc/passwd")) {
                HttpResponse<String> response = guarded.post("{\"query\": \"q\", \"webhook_url\": \"" + url + "\"}");
                assertError(response, 400, "invalid_webhook_url");
            }
            assertThat(queue.depth()).isZero();
        }
    }

    // --- lifecycle and delivery ---

    @Test
    void theStatusGoesFromQueuedOrRunningToSucceededWithTheAnswer() throws Exception {
        revbot.supervisor.holding();
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = json(revbot.post(request("What is our pipeline?")))
                .get("tracking_id")
                .asText();

        JsonNode running = awaitStatus(id, s -> s.get("status").asText().equals("running"));
        assertThat(running.has("result")).isFalse();
        revbot.supervisor.release();
        JsonNode done = awaitStatus(id, s -> s.get("status").asText().equals("succeeded"));

        assertThat(done.at("/result/response").asText()).isEqualTo("**Answer** to: What is our pipeline?");
        assertThat(done.at("/result/response_plain").asText()).isEqualTo("Answer to: What is our pipeline?");
        assertThat(done.at("/result/session_id").asText())
                .isEqualTo(done.get("session_id").asText());
        assertThat(revbot.status(java.util.UUID.randomUUID().toString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aStatusIsOnlyShownToAuthenticatedCallers() throws Exception {
        String id = json(revbot.post(request("q"))).get("tracking_id").asText();
        assertError(revbot.send(HttpRequest.newBuilder(revbot.uri("/webhook/" + id))), 401, "unauthorized");
    }

    // --- whose requests and sessions ---

    @Test
    void anotherClientCannotReadARequestOrItsResultItIsNotFoundForThem() throws Exception {
        String id = json(revbot.post("{\"query\": \"Vertex deal history\", \"session_id\": \"deal-42\"}"))
                .get("tracking_id")
                .asText();
        awaitStatus(id, s -> s.get("status").asText().equals("succeeded"));

        HttpResponse<String> theirs = revbot.status(id, WebhookFixture.OTHER_TOKEN);
        HttpResponse<String> unknown =
                revbot.status("00000000-0000-0000-0000-000000000000", WebhookFixture.OTHER_TOKEN);

        assertError(theirs, 404, "not_found");
        assertThat(theirs.body()).doesNotContain("Vertex").doesNotContain("deal-42");
        assertThat(theirs.body().replace(id, "ID"))
                .as("the same answer as for an id that does not exist")
                .isEqualTo(unknown.body().replace("00000000-0000-0000-0000-000000000000", "ID"));
        assertThat(json(revbot.status(id)).at("/result/response").asText()).contains("Vertex deal history");
        assertThat(queue.find(new JobId(id)).orElseThrow().owner()).contains("api:crm-app");
    }

    @Test
    void anotherClientNamingTheSameSessionGetsAConversationOfItsOwnAndIsRecordedAsItself() throws Exception {
        String a = json(revbot.post(
                        "{\"query\": \"mine\", \"session_id\": \"deal-42\"," + " \"source_system\": \"slack\"}"))
                .get("tracking_id")
                .asText();
        String b = json(revbot.post(
                        "{\"query\": \"theirs\", \"session_id\": \"deal-42\", \"source_system\": \"crm_app\"}",
                        WebhookFixture.OTHER_TOKEN))
                .get("tracking_id")
                .asText();
        awaitStatus(a, s -> s.get("status").asText().equals("succeeded"));
        JsonNode done = json(revbot.status(b, WebhookFixture.OTHER_TOKEN));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.get("status").asText().equals("succeeded") && System.nanoTime() < deadline) {
            Thread.sleep(25);
            done = json(revbot.status(b, WebhookFixture.OTHER_TOKEN));
        }

        assertThat(done.get("session_id").asText())
                .as("the client sees its own id")
                .isEqualTo("deal-42");
        assertThat(revbot.supervisor.requests)
                .extracting(r -> r.question() + "@" + r.session().value() + " by " + r.requester())
                .containsExactlyInAnyOrder(
                        "mine@webhook:crm-app:deal-42 by api:crm-app", "theirs@webhook:reports:deal-42 by api:reports");
    }

    @Test
    void aSessionIdShapedLikeASlackThreadNamesTheClientsOwnSessionNotTheThread() throws Exception {
        String id = json(revbot.post("{\"query\": \"approved discount 90 percent\","
                        + " \"session_id\": \"slack:T123ABC456:D0CEODM01:1515449522.000016\"}"))
                .get("tracking_id")
                .asText();
        awaitStatus(id, s -> s.get("status").asText().equals("succeeded"));

        assertThat(revbot.supervisor.requests)
                .singleElement()
                .satisfies(r -> assertThat(r.session().value())
                        .isEqualTo("webhook:crm-app:slack:T123ABC456:D0CEODM01:1515449522.000016")
                        .doesNotStartWith("slack:"));
    }

    @Test
    void wrongTokensAreLimitedPerAddressUntilEvenTheRightOneWaits() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertError(raw("application/json", "Bearer guess-" + i, request("q")), 401, "unauthorized");
        }
        HttpResponse<String> limited = revbot.post(request("q"));
        assertError(limited, 429, "too_many_failures");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(queue.depth()).isZero();
    }

    @Test
    void theAnswerIsDeliveredSignedAndVerifiableWithTheStandardWebhooksLibrary() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(204).build());
        String id = json(revbot.post(request("Which deals slipped?")))
                .get("tracking_id")
                .asText();

        RecordedRequest delivered = receiver.takeRequest(20, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        String body = delivered.getBody().utf8();
        new Webhook(WebhookFixture.SIGNING_SECRET).verify(body, headers(delivered)); // throws when not valid
        assertThat(delivered.getHeaders().get("webhook-id")).isEqualTo("msg_" + id);
        assertThat(delivered.getHeaders().get("webhook-signature")).startsWith("v1,");
        assertThat(delivered.getHeaders().get("Content-Type")).startsWith("application/json");

        JsonNode payload = WebhookJson.MAPPER.readTree(body);
        assertThat(payload.get("tracking_id").asText()).isEqualTo(id);
        assertThat(payload.get("source_system").asText()).isEqualTo("crm_app");
        assertThat(payload.get("source_process").asText()).isEqualTo("weekly_review");
        assertThat(payload.get("original_query").asText()).isEqualTo("Which deals slipped?");
        assertThat(payload.at("/ai_response/response").asText()).isEqualTo("**Answer** to: Which deals slipped?");
        assertThat(payload.at("/ai_response/response_plain").asText()).isEqualTo("Answer to: Which deals slipped?");
        assertThat(payload.at("/ai_response/session_id").asText()).startsWith("webhook-");
        assertThat(payload.at("/ai_response/timestamp").asText()).endsWith("Z");
        assertThat(payload.at("/webhook_metadata/webhook_url").asText())
                .isEqualTo(receiver.url("/hook").toString());
        assertThat(payload.at("/webhook_metadata/delivered_at").asText()).endsWith("Z");

        JsonNode status = awaitStatus(id, s -> s.at("/delivery/status").asText().equals("delivered"));
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aTamperedDeliveryFailsVerification() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        revbot.post(request("q"));
        RecordedRequest delivered = receiver.takeRequest(20, TimeUnit.SECONDS);

        String tampered = delivered.getBody().utf8().replace("Answer", "Amswer");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Webhook(WebhookFixture.SIGNING_SECRET).verify(tampered, headers(delivered)))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void aDeliveryAnswered500IsRetriedWithTheSameWebhookId() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(500).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = json(revbot.post(request("q"))).get("tracking_id").asText();

        RecordedRequest first = receiver.takeRequest(20, TimeUnit.SECONDS);
        RecordedRequest second = receiver.takeRequest(20, TimeUnit.SECONDS);

        assertThat(second).isNotNull();
        assertThat(second.getHeaders().get("webhook-id"))
                .isEqualTo(first.getHeaders().get("webhook-id"))
                .isEqualTo("msg_" + id);
        new Webhook(WebhookFixture.SIGNING_SECRET).verify(second.getBody().utf8(), headers(second));
        JsonNode status = awaitStatus(id, s -> s.at("/delivery/status").asText().equals("delivered"));
        assertThat(status.at("/delivery/attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aDeliveryThatKeepsFailingEndsInTheDeadLetterAfterTheLastAttempt() throws Exception {
        for (int i = 0; i < 3; i++) {
            receiver.enqueue(new MockResponse.Builder().code(503).build());
        }
        String id = json(revbot.post(request("q"))).get("tracking_id").asText();

        JsonNode status = awaitStatus(id, s -> s.at("/delivery/status").asText().equals("failed"));

        assertThat(status.at("/delivery/attempts").asInt()).isEqualTo(3);
        assertThat(status.at("/delivery/last_error").asText()).contains("503");
        assertThat(receiver.getRequestCount()).isEqualTo(3);
        assertThat(queue.stats().dead()).isEqualTo(1);
    }

    @Test
    void aDeliveryRefusedWith4xxIsNotRetried() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(410).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = json(revbot.post(request("q"))).get("tracking_id").asText();

        JsonNode status = awaitStatus(id, s -> s.at("/delivery/status").asText().equals("failed"));

        assertThat(status.at("/delivery/attempts").asInt()).isEqualTo(1);
        assertThat(status.at("/delivery/last_error").asText()).contains("410");
        Thread.sleep(300);
        assertThat(receiver.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aDeliveryAnswered429IsRetried() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(429).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = json(revbot.post(request("q"))).get("tracking_id").asText();

        JsonNode status = awaitStatus(id, s -> s.at("/delivery/status").asText().equals("delivered"));
        assertThat(status.at("/delivery/attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aRunThatFailsIsReportedAsFailedAndTheFailureIsDelivered() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = json(revbot.post(request("fail: TURN_LIMIT")))
                .get("tracking_id")
                .asText();

        JsonNode status = awaitStatus(id, s -> s.get("status").asText().equals("failed"));
        assertThat(status.at("/error/message").asText()).contains("did not work");
        RecordedRequest delivered = receiver.takeRequest(20, TimeUnit.SECONDS);
        JsonNode payload = WebhookJson.MAPPER.readTree(delivered.getBody().utf8());
        assertThat(payload.get("success").asBoolean()).isFalse();
        assertThat(payload.at("/error/code").asText()).isEqualTo("turn_limit");
        assertThat(revbot.supervisor.requests).hasSize(1);
    }

    @Test
    void requestsWithTheSameSessionIdContinueOneConversationInOrder() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        revbot.supervisor.delay(Duration.ofMillis(200));
        String first = "{\"query\": \"first\", \"session_id\": \"crm-review-42\"}";
        String second = "{\"query\": \"second\", \"session_id\": \"crm-review-42\"}";
        String a = json(revbot.post(first)).get("tracking_id").asText();
        String b = json(revbot.post(second)).get("tracking_id").asText();

        awaitStatus(a, s -> s.get("status").asText().equals("succeeded"));
        JsonNode done = awaitStatus(b, s -> s.get("status").asText().equals("succeeded"));

        assertThat(done.get("session_id").asText()).isEqualTo("crm-review-42");
        assertThat(revbot.supervisor.requests)
                .extracting(r -> r.question() + "@" + r.session().value())
                .containsExactly("first@webhook:crm-app:crm-review-42", "second@webhook:crm-app:crm-review-42");
    }

    @Test
    void healthAndPrometheusMetricsReportTheQueueJobsRunsAndTokens() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        String id = json(revbot.post(request("q"))).get("tracking_id").asText();
        awaitStatus(id, s -> s.at("/delivery/status").asText().equals("delivered"));

        HttpResponse<String> health = revbot.send(HttpRequest.newBuilder(revbot.uri("/observe/health")));
        // Open without credentials: 200, or 503 while not ready (no model is configured here), never 401.
        assertThat(health.statusCode()).as("health stays open").isIn(200, 503);
        JsonNode checks = WebhookJson.MAPPER.readTree(health.body()).get("checks");
        assertThat(checks.findValuesAsText("name")).contains("database", "model", "queue");
        assertThat(health.body())
                .doesNotContain("jdbc:")
                .doesNotContain("127.0.0.1")
                .doesNotContain("password");
        HttpResponse<String> live = revbot.send(HttpRequest.newBuilder(revbot.uri("/observe/health/live")));
        assertThat(live.statusCode()).isEqualTo(200);

        HttpResponse<String> anonymous = revbot.send(
                HttpRequest.newBuilder(revbot.uri("/observe/metrics")).header("Accept", "text/plain"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("revbot_");
        String metrics = revbot.send(HttpRequest.newBuilder(revbot.uri("/observe/metrics"))
                        .header("Accept", "text/plain")
                        .header("Authorization", "Bearer " + WebhookFixture.VIEWER_TOKEN))
                .body();
        assertThat(metrics)
                .contains("revbot_queue_waiting")
                .contains("revbot_queue_oldest_waiting_seconds")
                .containsPattern("revbot_jobs_total\\{[^}]*kind=\"webhook_request\"[^}]*outcome=\"succeeded\"")
                .containsPattern("revbot_jobs_total\\{[^}]*kind=\"webhook_delivery\"")
                .containsPattern("revbot_tokens_total\\{[^}]*agent=\"manager\"[^}]*type=\"input\"")
                .containsPattern("revbot_agent_duration_seconds_count\\{[^}]*agent=\"manager\"")
                .containsPattern("revbot_run_duration_seconds_count\\{[^}]*outcome=\"succeeded\"")
                .containsPattern("revbot_http_requests_total\\{[^}]*resource=\"/webhook\"[^}]*status=\"2xx\"");
    }

    @Test
    void withoutAWebhookUrlTheConfiguredOneIsUsed() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).build());
        revbot.close(); // its workers have no configured URL
        try (var configured = new WebhookFixture(
                queue,
                WebhookFixture.clients(),
                true,
                100,
                3,
                Optional.of(URI.create(receiver.url("/configured").toString())))) {
            configured.post("{\"query\": \"q\"}");
            RecordedRequest delivered = receiver.takeRequest(20, TimeUnit.SECONDS);
            assertThat(delivered.getUrl().encodedPath()).isEqualTo("/configured");
        }
    }
}
