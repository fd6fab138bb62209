package io.revbot.server.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.List;

/** Every HTTP resource RevBot serves. Tests call {@link #routing} too, so they exercise the production routes. */
public final class Routes {
    private Routes() {}

    /** An {@link HttpService} and the path it is mounted at, e.g. {@code /webhook} or {@code /slack}. */
    public record Mount(String path, HttpService service) {}

    /**
     * Registers request metrics and each mounted service. The mounts come from
     * {@link io.revbot.server.Components#httpServices()}: {@code /webhook}, {@code /slack/events} and
     * {@code /slack/interactions}, {@code /conversations} and {@code /api/conversations}.
     */
    public static void routing(HttpRouting.Builder routing, RequestMetrics metrics, List<Mount> mounts) {
        routing.addFilter(metrics);
        for (Mount mount : mounts) {
            routing.register(mount.path(), mount.service());
        }
    }
}
