package io.revbot.tools.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.testing.MockServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
    private final MockWebServer server = MockServers.start();
    private final List<Duration> waits = new ArrayList<>();
    private final List<String> logs = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        server.close();
    }

    private OkHttpClient client(int attempts) {
        return new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .addInterceptor(new RetryInterceptor(
                        new RetryInterceptor.Policy(attempts, Duration.ofMillis(200), Duration.ofSeconds(30)),
                        clock,
                        waits::add,
                        logs::add))
                .build();
    }

    @Test
    void a429WithRetryAfterSecondsIsRetriedAfterExactlyThatLong() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "7")
                .build());
        server.enqueue(MockServers.json("{\"ok\":true}"));
        try (Response r = client(4).newCall(get()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterAsAnHttpDateWaitsUntilThatDate() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Retry-After", "Sun, 01 Mar 2026 12:00:12 GMT")
                .build());
        server.enqueue(MockServers.json("{}"));
        try (Response r = client(4).newCall(get()).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void attemptsAreBoundedAndTheLastAnswerIsReturned() throws Exception {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(502).build());
        }
        try (Response r = client(3).newCall(get()).execute()) {
            assertThat(r.code()).isEqualTo(502);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        // exponential with jitter: attempt 1 waits 100-200 ms, attempt 2 waits 200-400 ms
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aRetryAfterLongerThanTheMaximumIsNotWaitedFor() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "3600")
                .build());
        try (Response r = client(4).newCall(get()).execute()) {
            assertThat(r.code()).isEqualTo(429);
        }
        assertThat(waits).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aPostIsNotRepeatedAfterA5xxUnlessMarkedIdempotent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).build());
        Request post = new Request.Builder()
                .url(server.url("/chat.postMessage"))
                .post(RequestBody.create("{}", JsonHttp.JSON))
                .build();
        try (Response r = client(4).newCall(post).execute()) {
            assertThat(r.code()).isEqualTo(500);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(MockServers.json("{}"));
        Request read = post.newBuilder()
                .tag(RetryInterceptor.Idempotent.class, RetryInterceptor.Idempotent.YES)
                .build();
        try (Response r = client(4).newCall(read).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void a429OnAPostIsRetriedBecauseTheServerDidNotActOnIt() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "1")
                .build());
        server.enqueue(MockServers.json("{\"ok\":true}"));
        Request post = new Request.Builder()
                .url(server.url("/chat.postMessage"))
                .post(RequestBody.create("{}", JsonHttp.JSON))
                .build();
        try (Response r = client(4).newCall(post).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void logsNeverContainCredentialsOrQueryStrings() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "0")
                .build());
        server.enqueue(MockServers.json("{}"));
        Request request = new Request.Builder()
                .url(server.url("/search?api_key=sk-query-secret"))
                .header("Authorization", "Bearer sk-header-secret")
                .build();
        try (Response r = client(4).newCall(request).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(logs).isNotEmpty();
        assertThat(String.join("\n", logs))
                .contains("GET " + server.getHostName() + "/search", "429")
                .doesNotContain("sk-query-secret", "sk-header-secret", "Authorization");
    }

    @Test
    void jsonHttpReportsTheUpstreamsOwnErrorMessageAndWhetherRetrying() {
        server.enqueue(MockServers.json(400, "{\"message\":\"bad field Foo__c\"}"));
        JsonHttp http =
                new JsonHttp(client(1), "Example", j -> j.path("message").textValue());
        assertThatThrownBy(() -> http.send(get())).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Example: HTTP 400: bad field Foo__c");
            assertThat(e.retriable()).isFalse();
        });
        server.enqueue(
                new MockResponse.Builder().code(503).body("<html>down</html>").build());
        assertThatThrownBy(() -> http.send(get())).isInstanceOfSatisfying(UpstreamException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("Example: HTTP 503");
            assertThat(e.retriable()).isTrue();
        });
    }

    private Request get() {
        return new Request.Builder().url(server.url("/thing")).build();
    }
}
