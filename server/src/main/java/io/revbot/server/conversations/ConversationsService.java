package io.revbot.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.ConversationStore.Filter;
import io.revbot.orchestrator.recording.RunFeedback;
import io.revbot.server.access.Caller;
import io.revbot.server.access.CredentialsFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation viewer and its API, registered at the root of the routing:
 *
 * <ul>
 *   <li>{@code GET /conversations}: the viewer page (plain HTML, CSS and JavaScript from {@code web/conversations/});
 *   <li>{@code GET /conversations/usage}: the usage page, charts drawn by Chart.js served from its WebJar
 *       ({@link ChartLibrary}) and fed by {@code GET /api/usage?since=&until=&tz=} ({@link UsageCharts});
 *   <li>{@code GET /api/conversations?channel=&agent=&tool=&status=&feedback=&since=&until=&limit=}: run summaries, newest
 *       first ({@code since}/{@code until} are dates {@code 2026-11-20} or instants);
 *   <li>{@code GET /api/conversations/{id}}: {@code {"conversation": …, "metadata": …}} of one run (id or unique
 *       prefix), plus {@code "view": {"answer_html"}} (the answer rendered by {@link AnswerHtml}), 404 when unknown.
 * </ul>
 *
 * <p>Every route sits behind {@link CredentialsFilter}: an operator (viewer token) sees every run, an API client only
 * the runs it asked for (anyone else's is 404, as if it did not exist).
 */
public final class ConversationsService implements HttpService {
    private static final String ASSETS = "/web/conversations/";
    private static final MediaType JAVASCRIPT = MediaTypes.create("text", "javascript");
    private static final Map<String, MediaType> FILES = Map.of(
            "index.html",
            MediaTypes.TEXT_HTML,
            "usage.html",
            MediaTypes.TEXT_HTML,
            "viewer.js",
            JAVASCRIPT,
            "usage.js",
            JAVASCRIPT,
            "viewer.css",
            MediaTypes.create("text", "css"));
    /**
     * The pages load nothing but this server's own files and API: no CDN, no outside images, no inline scripts. Style
     * attributes are set through the CSSOM, which this policy allows.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    static final Header NOSNIFF = HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff");

    private static final int MAX_LIMIT = 10_000;
    /** A run id or its prefix: what the export folders are named with, nothing a path could be made of. */
    private static final java.util.regex.Pattern RUN_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    private final ConversationStore store;
    private final AnswerHtml answers = new AnswerHtml();

    public ConversationsService(ConversationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/conversations", this::list)
                .get("/api/conversations/{id}", this::one)
                .get("/conversations", (req, res) -> asset("index.html", res))
                .get("/conversations/", (req, res) -> asset("index.html", res))
                .get("/api/usage", this::usage)
                .get("/conversations/usage", (req, res) -> asset("usage.html", res))
                .get("/conversations/lib/chart.umd.js", (req, res) -> ChartLibrary.send(res))
                .get(
                        "/conversations/{file}",
                        (req, res) -> asset(req.path().pathParameters().get("file"), res));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<String> feedback;
        try {
            feedback =
                    param(req, "feedback").map(v -> RunFeedback.Value.parse(v).label());
        } catch (IllegalArgumentException e) {
            error(res, Status.BAD_REQUEST_400, "bad_request", e.getMessage());
            return;
        }
        Filter filter;
        try {
            filter = new Filter(
                    param(req, "since").map(v -> time(v, false)),
                    param(req, "until").map(v -> time(v, true)),
                    param(req, "channel"),
                    param(req, "agent"),
                    param(req, "tool"),
                    param(req, "status"),
                    feedback,
                    param(req, "limit").map(ConversationsService::limit).orElse(200));
        } catch (DateTimeParseException | NumberFormatException e) {
            error(
                    res,
                    Status.BAD_REQUEST_400,
                    "bad_request",
                    "since/until must be dates (2026-11-20) or instants; limit a number from 1 to " + MAX_LIMIT);
            return;
        }
        Caller caller = CredentialsFilter.caller(req);
        // A client's runs are found among everyone's, so its limit applies after the filter.
        Filter everyone = new Filter(
                filter.since(),
                filter.until(),
                filter.channel(),
                filter.agent(),
                filter.tool(),
                filter.status(),
                filter.feedback(),
                caller instanceof Caller.Operator ? filter.limit() : Integer.MAX_VALUE);
        var visible = store.list(everyone).stream()
                .filter(summary -> caller.sees(summary.requester()))
                .limit(filter.limit())
                .toList();
        json(res, Status.OK_200, ConversationJson.write(ConversationJson.MAPPER.valueToTree(visible)));
    }

    /** {@code limit}: 1 to {@link #MAX_LIMIT}. */
    private static int limit(String value) {
        int limit = Integer.parseInt(value);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new NumberFormatException("limit out of range");
        }
        return limit;
    }

    /** The usage page's series over the runs the caller may see ({@code since}/{@code until} as the list's). */
    private void usage(ServerRequest req, ServerResponse res) {
        Optional<Instant> since;
        Optional<Instant> until;
        ZoneId zone;
        try {
            zone = param(req, "tz").map(ZoneId::of).orElse(ZoneOffset.UTC);
            // Dates are the viewer's calendar days, as the charts' days are.
            since = param(req, "since").map(v -> time(v, false, zone));
            until = param(req, "until").map(v -> time(v, true, zone));
        } catch (DateTimeException e) {
            error(
                    res,
                    Status.BAD_REQUEST_400,
                    "bad_request",
                    "since/until must be dates (2026-11-20) or instants; tz a time zone (Europe/Paris)");
            return;
        }
        Caller caller = CredentialsFilter.caller(req);
        var runs = store.loadAll(since).stream()
                .filter(run -> until.map(u -> startedBefore(run, u)).orElse(true))
                .filter(run -> caller.sees(run.conversation()
                        .at("/conversation/metadata/requester")
                        .asText(null)))
                .toList();
        json(res, Status.OK_200, ConversationJson.write(UsageCharts.of(runs, zone)));
    }

    private static boolean startedBefore(ConversationStore.Stored run, Instant until) {
        String started =
                run.conversation().at("/conversation/metadata/started_at").asText(null);
        return started != null && Instant.parse(started).isBefore(until);
    }

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!RUN_ID.matcher(id).matches()) {
            error(res, Status.BAD_REQUEST_400, "invalid_id", "a conversation id is letters, digits, '.', '_' or '-'");
            return;
        }
        Caller caller = CredentialsFilter.caller(req);
        try {
            store.find(id)
                    .filter(stored -> caller.sees(stored.conversation()
                            .at("/conversation/metadata/requester")
                            .asText(null)))
                    .ifPresentOrElse(
                            stored -> {
                                var both = ConversationJson.MAPPER.createObjectNode();
                                both.set("conversation", stored.conversation());
                                both.set("metadata", stored.metadata());
                                both.set("view", view(stored.conversation()));
                                json(res, Status.OK_200, ConversationJson.write(both));
                            },
                            () -> error(res, Status.NOT_FOUND_404, "not_found", "no conversation with id " + id));
        } catch (IllegalArgumentException ambiguous) {
            error(res, Status.BAD_REQUEST_400, "ambiguous_id", ambiguous.getMessage());
        }
    }

    /** What the viewer shows but the export does not hold: the answer as safe HTML with its figures marked. */
    private ObjectNode view(JsonNode conversation) {
        var view = ConversationJson.MAPPER.createObjectNode();
        JsonNode c = conversation.path("conversation");
        String answer = c.at("/final_answer/text").asText(null);
        if (answer == null) {
            view.putNull("answer_html");
        } else {
            view.put("answer_html", answers.render(answer, c.path("grounding")));
        }
        return view;
    }

    private static void asset(String file, ServerResponse res) {
        MediaType type = FILES.get(file);
        if (type == null) {
            res.status(Status.NOT_FOUND_404).send("not found");
            return;
        }
        try (InputStream in = ConversationsService.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                res.status(Status.NOT_FOUND_404).send("not found");
                return;
            }
            res.headers().contentType(type);
            res.headers().set(HeaderNames.CACHE_CONTROL, "no-cache");
            res.headers().set(CSP, CONTENT_SECURITY_POLICY);
            res.headers().set(NOSNIFF);
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return Optional.ofNullable(req.query().first(name).orElse(null)).filter(v -> !v.isBlank());
    }

    private static Instant time(String value, boolean endOfDay) {
        return time(value, endOfDay, ZoneOffset.UTC);
    }

    private static Instant time(String value, boolean endOfDay, ZoneId zone) {
        if (value.length() == 10) {
            LocalDate day = LocalDate.parse(value);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        }
        return Instant.parse(value);
    }

    private static void json(ServerResponse res, Status status, String body) {
        res.status(status);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(body);
    }

    private static void error(ServerResponse res, Status status, String code, String message) {
        var body = ConversationJson.MAPPER.createObjectNode();
        body.put("success", false);
        body.putObject("error").put("code", code).put("message", message);
        json(res, status, ConversationJson.write(body));
    }
}
