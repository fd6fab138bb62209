package io.revbot.server.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import java.util.List;

/** Every HTTP resource RevBot serves. Tests call {@link #routing} too, so they exercise the production routes. */
public final class Routes {
    private Routes() {}

    /** An {@link HttpService} and the path it is mounted at, e.g. {@code /webhook} or {@code /slack}. */
    public record Mount(String path, HttpService service) {}

    /**
     * Registers request metrics, the credentials gate and each mounted service. The mounts come from
     * {@link io.revbot.server.Components#httpServices()}: {@code /webhook}, {@code /slack/events} and
     * {@code /slack/interactions}, {@code /conversations} and {@code /api/conversations}, {@code /login}. The gate
     * ({@link io.revbot.server.access.CredentialsFilter}) runs before every route, Helidon's observe endpoints included.
     */
    public static void routing(HttpRouting.Builder routing, RequestMetrics metrics, Filter gate, List<Mount> mounts) {
        routing.addFilter(metrics);
        routing.addFilter(gate);
        for (Mount mount : mounts) {
            routing.register(mount.path(), mount.service());
        }
    }
}
