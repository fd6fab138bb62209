package io.revbot.tools.calls;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.Secret;
import io.revbot.tools.ToolException;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.JsonHttp;
import io.revbot.tools.http.RetryInterceptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Gong's REST API v2 with Basic auth (access key and secret), at the company's own base URL (Gong shows it on the
 * API page of its settings, e.g. {@code https://us-12345.api.gong.io}; OAuth apps get the same as
 * {@code api_base_url_for_customer}); a pasted {@code /v2} suffix is ignored. Listing pages through
 * {@code GET /v2/calls} (cursor) for the calls in a date range, at most {@value #MAX_PAGES} pages of Gong's 100; when
 * Gong has more, the listing says so instead of stopping silently. Then it reads their details, CRM context and
 * parties with
 * {@code POST /v2/calls/extensive} (by call ids, 100 at a time); transcripts come from
 * {@code POST /v2/calls/transcript}, speakers resolved to names through the call's parties. 429s are retried after
 * Gong's {@code Retry-After} by the shared {@link RetryInterceptor}.
 */
public final class GongCalls implements Calls {
    static final String SYSTEM = "Gong";
    private static final int MAX_PAGES = 20;
    private static final int IDS_PER_REQUEST = 100;

    private final JsonHttp http;
    private final HttpUrl baseUrl;
    private final String authorization;
    private final int maxPages;

    public GongCalls(OkHttpClient client, URI baseUrl, String accessKey, Secret accessKeySecret) {
        this(client, baseUrl, accessKey, accessKeySecret, MAX_PAGES);
    }

    GongCalls(OkHttpClient client, URI baseUrl, String accessKey, Secret accessKeySecret, int maxPages) {
        this.http = new JsonHttp(client, SYSTEM, GongCalls::errorMessage);
        this.baseUrl = apiRoot(HttpUrl.get(baseUrl.toString()));
        this.maxPages = maxPages;
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (Objects.requireNonNull(accessKey, "accessKey") + ":" + accessKeySecret.reveal())
                                        .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "gong (" + baseUrl.scheme() + "://" + baseUrl.host() + ")";
    }

    @Override
    public void check() {
        Instant now = Instant.now();
        http.send(get(baseUrl.newBuilder()
                .addPathSegments("v2/calls")
                .addQueryParameter("fromDateTime", now.minusSeconds(86_400).toString())
                .addQueryParameter("toDateTime", now.toString())
                .build()));
    }

    @Override
    public Listing list(Query query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        Long total = null;
        boolean stopped = false;
        for (int page = 0; ; page++) {
            if (page == maxPages) {
                stopped = true;
                break;
            }
            HttpUrl.Builder url = baseUrl.newBuilder()
                    .addPathSegments("v2/calls")
                    .addQueryParameter("fromDateTime", query.from().toString())
                    .addQueryParameter("toDateTime", query.to().toString());
            if (cursor != null) {
                url.addQueryParameter("cursor", cursor);
            }
            JsonNode json;
            try {
                json = http.send(get(url.build()));
            } catch (UpstreamException e) {
                if (e.getMessage().startsWith(SYSTEM + ": HTTP 404")) {
                    break; // Gong answers 404 when no call matches the range
                }
                throw e;
            }
            for (JsonNode call : json.path("calls")) {
                ids.add(call.path("id").asText());
            }
            JsonNode records = json.path("records");
            if (records.path("totalRecords").canConvertToLong()) {
                total = records.path("totalRecords").asLong();
            }
            cursor = records.path("cursor").textValue();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_REQUEST) {
            for (JsonNode call : extensive(ids.subList(i, Math.min(ids.size(), i + IDS_PER_REQUEST)))) {
                Call c = toCall(call);
                if (query.accountId()
                                .map(a -> c.accountId().map(a::equals).orElse(false))
                                .orElse(true)
                        && query.opportunityId()
                                .map(o -> c.opportunityId().map(o::equals).orElse(false))
                                .orElse(true)) {
                    calls.add(c);
                }
            }
        }
        calls.sort((a, b) -> b.started().compareTo(a.started()));
        List<String> missing = new ArrayList<>();
        if (stopped) {
            boolean filtered =
                    query.accountId().isPresent() || query.opportunityId().isPresent();
            missing.add("Gong lists " + (total != null ? String.format(java.util.Locale.ROOT, "%,d", total) : "more")
                    + " calls from " + query.from() + " to " + query.to() + " and only the first "
                    + String.format(java.util.Locale.ROOT, "%,d", ids.size()) + " (" + maxPages + " pages) were read"
                    + (filtered ? ", so calls of this account or opportunity among the rest are missing" : ""));
        }
        if (calls.size() > query.limit()) {
            missing.add(calls.size() + " calls match; these are the newest " + query.limit());
            calls = calls.subList(0, query.limit());
        }
        return new Listing(
                calls,
                missing.isEmpty()
                        ? Optional.empty()
                        : Optional.of(String.join("; ", missing) + ": narrow the date range to see the rest"));
    }

    /** The API root under the configured base URL: a trailing {@code /v2} (as pasted from Gong's page) is dropped. */
    static HttpUrl apiRoot(HttpUrl base) {
        List<String> segments = new ArrayList<>(base.pathSegments());
        segments.removeIf(String::isEmpty);
        if (!segments.isEmpty() && segments.getLast().equalsIgnoreCase("v2")) {
            segments.removeLast();
        }
        return base.newBuilder()
                .encodedPath("/" + String.join("/", segments) + (segments.isEmpty() ? "" : "/"))
                .query(null)
                .build();
    }

    @Override
    public Optional<Transcript> transcript(String callId) {
        if (callId == null || !callId.matches("[0-9A-Za-z_-]{1,64}")) {
            throw new ToolException("not a Gong call id: " + callId);
        }
        List<JsonNode> details = extensive(List.of(callId));
        if (details.isEmpty()) {
            return Optional.empty();
        }
        JsonNode call = details.get(0);
        Map<String, JsonNode> speakers = new HashMap<>();
        for (JsonNode party : call.path("parties")) {
            if (party.hasNonNull("speakerId")) {
                speakers.put(party.path("speakerId").asText(), party);
            }
        }
        JsonNode json = post("v2/calls/transcript", Map.of("filter", Map.of("callIds", List.of(callId))));
        List<Utterance> utterances = new ArrayList<>();
        for (JsonNode ct : json.path("callTranscripts")) {
            for (JsonNode monologue : ct.path("transcript")) {
                JsonNode party = speakers.get(monologue.path("speakerId").asText());
                String speaker =
                        party == null ? "Unknown speaker" : party.path("name").asText("Unknown speaker");
                Optional<String> email = party == null ? Optional.empty() : text(party, "emailAddress");
                StringBuilder text = new StringBuilder();
                long start = -1;
                for (JsonNode sentence : monologue.path("sentences")) {
                    if (start < 0) {
                        start = sentence.path("start").asLong() / 1000;
                    }
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(sentence.path("text").asText());
                }
                utterances.add(new Utterance(speaker, email, Math.max(start, 0), text.toString()));
            }
        }
        if (utterances.isEmpty()) {
            return Optional.empty();
        }
        JsonNode meta = call.path("metaData");
        return Optional.of(new Transcript(callId, meta.path("title").asText(""), started(meta), utterances));
    }

    private List<JsonNode> extensive(List<String> callIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", Map.of("callIds", callIds));
        body.put(
                "contentSelector",
                Map.of(
                        "context",
                        "Extended",
                        "exposedFields",
                        Map.of(
                                "parties",
                                true,
                                "content",
                                Map.of("brief", true, "keyPoints", true, "highlights", true))));
        List<JsonNode> calls = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            JsonNode json;
            try {
                json = post("v2/calls/extensive", body);
            } catch (UpstreamException e) {
                if (e.getMessage().startsWith(SYSTEM + ": HTTP 404")) {
                    return calls;
                }
                throw e;
            }
            json.path("calls").forEach(calls::add);
            cursor = json.path("records").path("cursor").textValue();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return calls;
    }

    private static Call toCall(JsonNode call) {
        JsonNode meta = call.path("metaData");
        String hostId = meta.path("primaryUserId").asText("");
        Optional<String> host = Optional.empty();
        List<String> participants = new ArrayList<>();
        for (JsonNode party : call.path("parties")) {
            String name = party.path("name").asText(party.path("emailAddress").asText(""));
            if (!name.isEmpty()) {
                participants.add(name);
            }
            if (!hostId.isEmpty() && hostId.equals(party.path("userId").asText())) {
                host = Optional.of(name);
            }
        }
        Optional<String> account = Optional.empty();
        Optional<String> opportunity = Optional.empty();
        for (JsonNode context : call.path("context")) {
            for (JsonNode object : context.path("objects")) {
                String type = object.path("objectType").asText("");
                if (type.equalsIgnoreCase("Account") && account.isEmpty()) {
                    account = text(object, "objectId");
                } else if (type.equalsIgnoreCase("Opportunity") && opportunity.isEmpty()) {
                    opportunity = text(object, "objectId");
                }
            }
        }
        JsonNode content = call.path("content");
        List<String> points = new ArrayList<>();
        content.path("keyPoints").forEach(k -> points.add(k.path("text").asText()));
        List<String> nextSteps = new ArrayList<>();
        for (JsonNode highlight : content.path("highlights")) {
            if (highlight
                    .path("title")
                    .asText("")
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("next step")) {
                highlight
                        .path("items")
                        .forEach(item -> nextSteps.add(item.path("text").asText()));
            }
        }
        return new Call(
                meta.path("id").asText(),
                meta.path("title").asText(""),
                started(meta),
                meta.path("duration").isNumber()
                        ? Optional.of(meta.path("duration").asLong())
                        : Optional.empty(),
                host,
                participants,
                account,
                opportunity,
                text(content, "brief"),
                points.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", points)),
                nextSteps.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", nextSteps)));
    }

    private static Instant started(JsonNode meta) {
        String s = meta.path("started").asText(meta.path("scheduled").asText(""));
        return s.isEmpty() ? Instant.EPOCH : java.time.OffsetDateTime.parse(s).toInstant();
    }

    private Request get(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("Authorization", authorization)
                .get()
                .build();
    }

    private JsonNode post(String path, Object body) {
        return http.send(new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments(path).build())
                .header("Authorization", authorization)
                .tag(RetryInterceptor.Idempotent.class, RetryInterceptor.Idempotent.YES)
                .post(JsonHttp.json(body))
                .build());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }

    /** Gong's errors: {@code {"requestId": …, "errors": ["…"]}}. */
    static String errorMessage(JsonNode json) {
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(e.asText()));
            return String.join("; ", messages);
        }
        return null;
    }
}
