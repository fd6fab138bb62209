package io.revbot.server.access;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one gate in front of every page and API that shows data: the conversation viewer and its API, the usage page,
 * {@code /observe/metrics}, and anything mounted later. It is a routing filter, so it runs before every route,
 * including those of Helidon's observe feature, and it <em>denies by default</em>: only the surfaces that
 * authenticate themselves ({@code /webhook} with its bearer tokens, {@code /slack} with Slack's signature, {@code /mcp}
 * with its own tokens) and the open ones ({@code /observe/health}, {@code /login}, {@code /logout}) pass without
 * credentials. A new page is protected the day it is mounted.
 *
 * <p>Credentials are a bearer token ({@code REVBOT_API_TOKENS} or {@code REVBOT_VIEWER_TOKENS}) or the session cookie
 * the login form sets. Without them, a browser asking for a page is sent to {@code /login}; anything else gets 401.
 * Wrong tokens count against the caller's address ({@link FailedAuthLimiter}). Handlers read who is calling with
 * {@link #caller(ServerRequest)}.
 */
public final class CredentialsFilter implements Filter {
    /** Surfaces that check their own credentials, or show nothing private. Segment prefixes. */
    static final List<String> OPEN = List.of("/webhook", "/slack", "/mcp", "/observe/health", "/login", "/logout");

    private static final Object CALLER = Caller.class;

    private final Credentials credentials;
    private final SessionCookie sessions;
    private final FailedAuthLimiter limiter;
    private final boolean allowAnonymous;

    /**
     * @param allowAnonymous {@code REVBOT_VIEWER_ALLOW_ANONYMOUS}: everyone is an operator (trusted networks only)
     */
    public CredentialsFilter(
            Credentials credentials, FailedAuthLimiter limiter, boolean allowAnonymous, java.time.Clock clock) {
        this.credentials = credentials;
        this.sessions = new SessionCookie(credentials, clock);
        this.limiter = limiter;
        this.allowAnonymous = allowAnonymous;
    }

    /** Who is calling: set by this filter on every request it let through to a protected route. */
    public static Caller caller(ServerRequest request) {
        return request.context()
                .get(CALLER, Caller.class)
                .orElseThrow(() -> new IllegalStateException(
                        request.path().path() + " is served without passing CredentialsFilter"));
    }

    static boolean open(String path) {
        for (String prefix : OPEN) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (open(path)) {
            chain.proceed();
            return;
        }
        if (allowAnonymous) {
            req.context().register(CALLER, Caller.ANONYMOUS);
            chain.proceed();
            return;
        }
        String address = FailedAuthLimiter.address(req);
        Duration wait = limiter.waitBeforeNext(address);
        if (!wait.isZero()) {
            res.header(HeaderNames.RETRY_AFTER, FailedAuthLimiter.retryAfterSeconds(wait));
            refuse(res, Status.TOO_MANY_REQUESTS_429, "too_many_failures", "too many failed attempts; retry later");
            return;
        }
        Optional<String> bearer = bearer(req);
        Optional<Caller> caller;
        if (bearer.isPresent()) {
            caller = credentials.caller(bearer.get());
            if (caller.isEmpty()) {
                limiter.failed(address);
            }
        } else {
            caller = req.headers()
                    .cookies()
                    .first(SessionCookie.NAME)
                    .asOptional()
                    .flatMap(sessions::verify);
        }
        if (caller.isEmpty()) {
            if (bearer.isEmpty() && wantsPage(req, path)) {
                res.status(Status.SEE_OTHER_303)
                        .header(HeaderNames.LOCATION, "/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                        .send();
                return;
            }
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"revbot\"");
            refuse(
                    res,
                    Status.UNAUTHORIZED_401,
                    "unauthorized",
                    bearer.isPresent()
                            ? "the Bearer token is not valid"
                            : "credentials are required: a Bearer token (REVBOT_VIEWER_TOKENS or REVBOT_API_TOKENS)"
                                    + " or a login at /login");
            return;
        }
        req.context().register(CALLER, caller.get());
        chain.proceed();
    }

    private static Optional<String> bearer(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).strip());
    }

    /** A browser navigating to a page (not a script calling an API), which a login form can help. */
    private static boolean wantsPage(ServerRequest req, String path) {
        return req.prologue().method() == Method.GET
                && !path.startsWith("/api/")
                && !path.startsWith("/observe/")
                && req.headers()
                        .first(HeaderNames.ACCEPT)
                        .map(a -> a.contains("text/html"))
                        .orElse(false);
    }

    private static void refuse(RoutingResponse res, Status status, String code, String message) {
        String body = "{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(body.getBytes(StandardCharsets.UTF_8));
    }
}
