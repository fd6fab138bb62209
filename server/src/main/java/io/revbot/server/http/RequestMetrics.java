package io.revbot.server.http;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.List;

/**
 * Counts and times every request as {@code revbot_http_requests} by resource (the first path segment, so the
 * number of series stays small) and status class.
 */
public final class RequestMetrics implements Filter {
    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long started = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            String path = req.prologue().uriPath().path();
            if (!path.startsWith("/observe")) {
                List<Tag> tags = List.of(
                        Tag.create("resource", resource(path)),
                        Tag.create("status", res.status().code() / 100 + "xx"));
                registry.getOrCreate(Counter.builder("revbot.http.requests").tags(tags))
                        .increment();
                registry.getOrCreate(
                                Timer.builder("revbot.http.request.duration").tags(tags))
                        .record(Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    static String resource(String path) {
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path : path.substring(0, end);
        return switch (first) {
            case "/webhook", "/slack", "/conversations", "/api", "/mcp" -> first;
            default -> "other";
        };
    }
}
