package io.revbot.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;

/** Every HTTP resource RevBot serves. Tests call {@link #routing} too, so they exercise the production routes. */
public final class Routes {
    private static final System.Logger LOG = System.getLogger(Routes.class.getName());

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
        routing.error(RuntimeException.class, Routes::unexpected);
    }

    /**
     * What no route answered itself: Helidon's refusals ({@link HttpException}: 400, 404…) keep their status; anything
     * else is a bug, 500. Either way the caller gets a JSON error without the exception's text (it may hold paths or
     * SQL); the log gets the bug.
     */
    private static void unexpected(ServerRequest req, ServerResponse res, RuntimeException e) {
        Status status = e instanceof HttpException http ? http.status() : Status.INTERNAL_SERVER_ERROR_500;
        if (status.code() >= 500) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "unexpected error on " + req.prologue().method() + " "
                            + req.path().path(),
                    e);
        }
        if (res.isSent()) {
            return;
        }
        String code = status.code() >= 500
                ? "internal"
                : status.reasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
        String message = status.code() >= 500 ? "internal error (see the server log)" : status.reasonPhrase();
        res.status(status)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send("{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
