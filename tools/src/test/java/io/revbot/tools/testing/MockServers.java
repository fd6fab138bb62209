package io.revbot.tools.testing;

import io.revbot.tools.http.RetryInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** MockWebServer on 127.0.0.1 and an ephemeral port, and clients that retry without sleeping. */
public final class MockServers {
    private MockServers() {}

    public static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** The production client setup, except that waits between retries are skipped (and recorded nowhere). */
    public static OkHttpClient client() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5))
                .callTimeout(Duration.ofSeconds(20))
                .retryOnConnectionFailure(false)
                // no idle connections: MockWebServer.close() would otherwise wait for them to time out
                .connectionPool(new okhttp3.ConnectionPool(0, 1, TimeUnit.SECONDS))
                .addInterceptor(new RetryInterceptor(
                        RetryInterceptor.Policy.DEFAULT, java.time.Clock.systemUTC(), d -> {}, m -> {}))
                .build();
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    public static MockResponse json(String body) {
        return json(200, body);
    }

    public static RecordedRequest take(MockWebServer server) {
        try {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request arrived");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
