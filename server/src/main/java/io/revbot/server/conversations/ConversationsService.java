package io.revbot.server.conversations;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.ConversationStore.Filter;
import io.revbot.server.access.Caller;
import io.revbot.server.access.CredentialsFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
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
 *   <li>{@code GET /api/conversations?channel=&agent=&tool=&status=&feedback=&since=&until=&limit=}: run summaries, newest
 *       first ({@code since}/{@code until} are dates {@code 2026-11-20} or instants);
 *   <li>{@code GET /api/conversations/{id}}: {@code {"conversation": …, "metadata": …}} of one run (id or unique
 *       prefix), 404 when unknown.
 * </ul>
 *
 * <p>Every route sits behind {@link CredentialsFilter}: an operator (viewer token) sees every run, an API client only
 * the runs it asked for (anyone else's is 404, as if it did not exist).
 */
public final class ConversationsService implements HttpService {
    private static final String ASSETS = "/web/conversations/";
    private static final Map<String, MediaType> FILES = Map.of(
            "index.html", MediaTypes.TEXT_HTML,
            "viewer.js", MediaTypes.create("text", "javascript"),
            "viewer.css", MediaTypes.create("text", "css"));

    private final ConversationStore store;

    public ConversationsService(ConversationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/conversations", this::list)
                .get("/api/conversations/{id}", this::one)
                .get("/conversations", (req, res) -> asset("index.html", res))
                .get("/conversations/", (req, res) -> asset("index.html", res))
                .get(
                        "/conversations/{file}",
                        (req, res) -> asset(req.path().pathParameters().get("file"), res));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Filter filter;
        try {
            filter = new Filter(
                    param(req, "since").map(v -> time(v, false)),
                    param(req, "until").map(v -> time(v, true)),
                    param(req, "channel"),
                    param(req, "agent"),
                    param(req, "tool"),
                    param(req, "status"),
                    param(req, "feedback"),
                    param(req, "limit").map(Integer::parseInt).orElse(200));
        } catch (DateTimeParseException | NumberFormatException e) {
            error(
                    res,
                    Status.BAD_REQUEST_400,
                    "bad_request",
                    "since/until must be dates (2026-11-20) or instants; limit a number");
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

    private void one(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
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
                                json(res, Status.OK_200, ConversationJson.write(both));
                            },
                            () -> error(res, Status.NOT_FOUND_404, "not_found", "no conversation with id " + id));
        } catch (IllegalArgumentException ambiguous) {
            error(res, Status.BAD_REQUEST_400, "ambiguous_id", ambiguous.getMessage());
        }
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
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return Optional.ofNullable(req.query().first(name).orElse(null)).filter(v -> !v.isBlank());
    }

    private static Instant time(String value, boolean endOfDay) {
        if (value.length() == 10) {
            LocalDate day = LocalDate.parse(value);
            return (endOfDay ? day.plusDays(1) : day)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
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
