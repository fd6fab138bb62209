package io.revbot.tools.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one way RevBot builds outbound HTTP clients: connect/read/call timeouts and {@link RetryInterceptor}. There is
 * deliberately no logging interceptor: request and response bodies and headers (Authorization, API keys) never
 * reach the logs. Build one client and derive others with {@code newBuilder()} so they share the connection pool.
 */
public final class HttpClients {
    private HttpClients() {}

    /** Connect 10 s, read 60 s, a whole call at most 120 s, default retries. */
    public static OkHttpClient standard() {
        return create(
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Duration.ofSeconds(120),
                RetryInterceptor.Policy.DEFAULT);
    }

    public static OkHttpClient create(
            Duration connectTimeout, Duration readTimeout, Duration callTimeout, RetryInterceptor.Policy retries) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(new RetryInterceptor(retries))
                .build();
    }
}
