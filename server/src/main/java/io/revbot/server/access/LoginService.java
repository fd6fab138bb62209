package io.revbot.server.access;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The viewer's login form: {@code GET /login} shows it, {@code POST /login} checks the token and sets the session
 * cookie ({@link SessionCookie}), then goes back to the page the browser came from; {@code POST /logout} clears the
 * cookie. Failed logins count against the address like wrong tokens ({@link FailedAuthLimiter}). Mount it at the
 * root; {@link CredentialsFilter} lets {@code /login} and {@code /logout} through.
 */
public final class LoginService implements HttpService {
    private static final System.Logger LOG = System.getLogger(LoginService.class.getName());
    private static final String PAGE = "/web/login/login.html";
    private static final String DEFAULT_NEXT = "/conversations";
    private static final int MAX_FORM_BYTES = 8 * 1024;

    private final Credentials credentials;
    private final SessionCookie sessions;
    private final FailedAuthLimiter limiter;
    private final String page;

    public LoginService(Credentials credentials, FailedAuthLimiter limiter, Clock clock) {
        this.credentials = credentials;
        this.sessions = new SessionCookie(credentials, clock);
        this.limiter = limiter;
        this.page = template();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::form).post("/login", this::login).post("/logout", this::logout);
    }

    private void form(ServerRequest req, ServerResponse res) {
        show(res, Status.OK_200, next(req.query().first("next").orElse(null)), "");
    }

    private void login(ServerRequest req, ServerResponse res) {
        if (req.headers()
                .first(HeaderNames.create("Sec-Fetch-Site"))
                .filter("cross-site"::equals)
                .isPresent()) {
            res.status(Status.FORBIDDEN_403).send("a login must come from RevBot's own page");
            return;
        }
        String address = FailedAuthLimiter.address(req);
        Map<String, String> form = form(req);
        String next = next(form.get("next"));
        Duration wait = limiter.waitBeforeNext(address);
        if (!wait.isZero()) {
            res.header(HeaderNames.RETRY_AFTER, FailedAuthLimiter.retryAfterSeconds(wait));
            show(res, Status.TOO_MANY_REQUESTS_429, next, "Too many failed attempts. Wait a minute and try again.");
            return;
        }
        String token = form.getOrDefault("token", "").strip();
        Optional<Credentials.Match> match = credentials.find(token);
        if (match.isEmpty()) {
            limiter.failed(address);
            LOG.log(System.Logger.Level.INFO, "failed viewer login from " + address);
            show(res, Status.UNAUTHORIZED_401, next, "That token is not valid.");
            return;
        }
        res.headers().addCookie(sessions.issue(match.get().kind(), match.get().token()));
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, next).send();
    }

    private void logout(ServerRequest req, ServerResponse res) {
        res.headers().addCookie(SessionCookie.cleared());
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/login").send();
    }

    private void show(ServerResponse res, Status status, String next, String error) {
        String html = page.replace("{{next}}", escape(next))
                .replace(
                        "{{error}}",
                        error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>");
        res.status(status);
        res.headers().contentType(MediaTypes.TEXT_HTML);
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set(HeaderNames.create("X-Frame-Options"), "DENY");
        res.headers()
                .set(
                        HeaderNames.create("Content-Security-Policy"),
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    /** Where to go after the login: a path on this server only (never {@code //elsewhere} or a full URL). */
    static String next(String requested) {
        if (requested == null
                || !requested.startsWith("/")
                || requested.startsWith("//")
                || requested.startsWith("/\\")
                || requested.startsWith("/login")
                || requested.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return DEFAULT_NEXT;
        }
        return requested;
    }

    private static Map<String, String> form(ServerRequest req) {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    // a malformed field is as good as an absent one
                }
            }
        }
        return out;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String template() {
        try (InputStream in = LoginService.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
