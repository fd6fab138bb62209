package io.revbot.tools.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.JsonHttp;
import io.revbot.tools.http.RetryInterceptor;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Firebolt through its REST API (no JDBC driver needed).
 *
 * <p>Managed Firebolt: a service account's client credentials buy an OAuth token at the identity endpoint
 * ({@code POST https://id.app.firebolt.io/oauth/token}, audience {@code https://api.firebolt.io}), cached until
 * shortly before it expires and fetched again on a 401. The account's system engine URL comes from
 * {@code GET /web/v3/account/{account}/engineUrl}; {@code USE DATABASE} and {@code USE ENGINE} run there once and
 * the engine's answer headers ({@code Firebolt-Update-Parameters}, {@code Firebolt-Update-Endpoint}) say where
 * queries go. Self-hosted Firebolt Core ({@link Options#coreUrl()}) takes queries directly, without auth.
 *
 * <p>Each query is {@code POST}ed as the body with {@code output_format=JSON_Compact}. Bind parameters are sent
 * server-side: the statement's {@code ?} placeholders become {@code $1, $2, …} and the values travel in the
 * {@code query_parameters} URL parameter as JSON, so values are never spliced into SQL.
 */
public final class FireboltHttpWarehouse implements Warehouse {
    static final String SYSTEM = "Firebolt";
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    /**
     * Where and how to connect.
     *
     * @param apiUrl {@code https://api.app.firebolt.io} unless overridden ({@code FIREBOLT_API_URL})
     * @param coreUrl Firebolt Core's URL; when present, no credentials or account are used
     */
    public record Options(
            Optional<String> clientId,
            Optional<Secret> clientSecret,
            Optional<String> account,
            Optional<String> database,
            Optional<String> engine,
            URI apiUrl,
            Optional<URI> coreUrl) {
        public static final URI DEFAULT_API_URL = URI.create("https://api.app.firebolt.io");
    }

    private final OkHttpClient client;
    private final JsonHttp http;
    private final Options options;
    private final Clock clock;

    private final Object lock = new Object();
    private String token;
    private Instant tokenExpiresAt = Instant.MIN;
    private Endpoint endpoint;

    /** Where queries go once resolved: the engine URL and the parameters every query carries. */
    private record Endpoint(HttpUrl url, Map<String, String> parameters) {}

    public FireboltHttpWarehouse(OkHttpClient client, Options options, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new JsonHttp(client, SYSTEM, FireboltResults::errorMessage);
    }

    @Override
    public String describe() {
        if (options.coreUrl().isPresent()) {
            return "firebolt core (" + options.coreUrl().get() + ", database "
                    + options.database().orElse("firebolt") + ")";
        }
        return "firebolt (account " + options.account().orElse("?") + ", database "
                + options.database().orElse("-") + ", engine "
                + options.engine().orElse("system") + ")";
    }

    /** Reads the answer as it streams in and stops at the row cap, the byte cap or the timeout. */
    @Override
    public QueryResult query(String sql, List<?> parameters, Limits limits) {
        Placeholders.Numbered numbered = Placeholders.number(sql);
        if (numbered.count() != parameters.size()) {
            throw new IllegalArgumentException(
                    "statement has " + numbered.count() + " placeholders but " + parameters.size() + " parameters");
        }
        return post(numbered.sql(), queryParameters(parameters), limits);
    }

    @Override
    public void close() {
        // OkHttp's pool is shared with the other clients and closed by its owner.
    }

    /** Sends one statement to the engine; a 401 with a cached token fetches a new token and tries once more. */
    private QueryResult post(String sql, Optional<String> queryParameters, Limits limits) {
        Endpoint target = endpoint();
        HttpUrl.Builder url = target.url().newBuilder();
        target.parameters().forEach(url::addQueryParameter);
        url.addQueryParameter("output_format", "JSON_Compact");
        queryParameters.ifPresent(p -> url.addQueryParameter("query_parameters", p));
        OkHttpClient timed =
                client.newBuilder().callTimeout(limits.timeout().plusSeconds(5)).build();
        try {
            return execute(timed, engineRequest(url.build(), sql), limits);
        } catch (UpstreamException e) {
            if (options.coreUrl().isEmpty() && e.getMessage().startsWith(SYSTEM + ": HTTP 401")) {
                invalidateToken();
                return execute(timed, engineRequest(url.build(), sql), limits);
            }
            throw e;
        }
    }

    private QueryResult execute(OkHttpClient timed, Request request, Limits limits) {
        long started = System.nanoTime();
        try (Response response = timed.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw http.failure(response.code(), FireboltResults.errorBody(response.body()));
            }
            return FireboltResults.read(response.body().byteStream(), limits, started);
        } catch (IOException e) {
            throw new UpstreamException(
                    SYSTEM, "cannot reach " + request.url().host() + ": " + e.getMessage(), true, e);
        }
    }

    private Request engineRequest(HttpUrl url, String sql) {
        Request.Builder b = new Request.Builder()
                .url(url)
                .header("Firebolt-Protocol-Version", "2.1")
                .tag(RetryInterceptor.Idempotent.class, RetryInterceptor.Idempotent.YES)
                .post(RequestBody.create(sql, TEXT));
        if (options.coreUrl().isEmpty()) {
            b.header("Authorization", "Bearer " + token());
        }
        return b.build();
    }

    /** Firebolt may answer 200 with an error document. */
    private JsonNode checkBody(JsonNode json) {
        String error = FireboltResults.errorMessage(json);
        if (error != null) {
            throw new UpstreamException(SYSTEM, error, false);
        }
        return json;
    }

    private Endpoint endpoint() {
        synchronized (lock) {
            if (endpoint == null) {
                endpoint = resolveEndpoint();
            }
            return endpoint;
        }
    }

    private Endpoint resolveEndpoint() {
        if (options.coreUrl().isPresent()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("database", options.database().orElse("firebolt"));
            return new Endpoint(HttpUrl.get(options.coreUrl().get().toString()), params);
        }
        String account = options.account().orElseThrow(() -> new IllegalStateException("FIREBOLT_ACCOUNT missing"));
        HttpUrl lookup = HttpUrl.get(options.apiUrl().toString())
                .newBuilder()
                .addPathSegments("web/v3/account")
                .addPathSegment(account)
                .addPathSegment("engineUrl")
                .build();
        JsonNode answer = http.send(new Request.Builder()
                .url(lookup)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .get()
                .build());
        String systemUrl = answer.path("engineUrl").asText("");
        if (systemUrl.isEmpty()) {
            throw new UpstreamException(SYSTEM, "no system engine URL for account " + account, false);
        }
        Endpoint current = new Endpoint(withScheme(systemUrl), new LinkedHashMap<>());
        if (options.database().isPresent()) {
            current = use(
                    current,
                    "USE DATABASE " + quoteIdentifier(options.database().get()));
        }
        if (options.engine().isPresent()) {
            current = use(
                    current, "USE ENGINE " + quoteIdentifier(options.engine().get()));
        }
        return current;
    }

    /** Runs a USE statement and applies what the engine's answer headers say. */
    private Endpoint use(Endpoint current, String statement) {
        HttpUrl.Builder url = current.url().newBuilder();
        current.parameters().forEach(url::addQueryParameter);
        JsonHttp.Answer answer = http.exchange(engineRequest(url.build(), statement));
        checkBody(answer.json());
        HttpUrl base = current.url();
        Map<String, String> params = new LinkedHashMap<>(current.parameters());
        String updateParameters = answer.headers().get("Firebolt-Update-Parameters");
        if (updateParameters != null) {
            for (String pair : updateParameters.split(",")) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length == 2) {
                    params.put(kv[0].trim(), kv[1].trim());
                }
            }
        }
        String updateEndpoint = answer.headers().get("Firebolt-Update-Endpoint");
        if (updateEndpoint != null) {
            HttpUrl moved = withScheme(updateEndpoint.trim());
            for (String name : moved.queryParameterNames()) {
                params.put(name, moved.queryParameter(name));
            }
            base = moved.newBuilder().query(null).build();
        }
        if (answer.headers().get("Firebolt-Reset-Session") != null) {
            params.keySet().retainAll(List.of("database", "engine", "account_id"));
        }
        return new Endpoint(base, params);
    }

    private String token() {
        synchronized (lock) {
            Instant now = clock.instant();
            if (token == null || !now.isBefore(tokenExpiresAt)) {
                fetchToken(now);
            }
            return token;
        }
    }

    private void invalidateToken() {
        synchronized (lock) {
            token = null;
        }
    }

    private void fetchToken(Instant now) {
        HttpUrl url = identityUrl().newBuilder().addPathSegments("oauth/token").build();
        RequestBody form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", options.clientId().orElseThrow())
                .add("client_secret", options.clientSecret().orElseThrow().reveal())
                .add("audience", "https://api.firebolt.io")
                .build();
        JsonNode json = http.send(new Request.Builder().url(url).post(form).build());
        String accessToken = json.path("access_token").textValue();
        if (accessToken == null || accessToken.isEmpty()) {
            throw new UpstreamException(SYSTEM, "the identity service answered without an access_token", false);
        }
        long expiresIn = json.path("expires_in").asLong(3600);
        token = accessToken;
        Duration life = Duration.ofSeconds(expiresIn);
        tokenExpiresAt = now.plus(
                life.compareTo(TOKEN_MARGIN.multipliedBy(2)) > 0 ? life.minus(TOKEN_MARGIN) : life.dividedBy(2));
    }

    /** {@code https://api.X.firebolt.io} → {@code https://id.X.firebolt.io}; any other API URL serves both. */
    HttpUrl identityUrl() {
        HttpUrl api = HttpUrl.get(options.apiUrl().toString());
        if (api.host().startsWith("api.")) {
            return api.newBuilder().host("id." + api.host().substring(4)).build();
        }
        return api;
    }

    private static Optional<String> queryParameters(List<?> parameters) {
        if (parameters.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", "$" + (i + 1));
            p.put("value", jsonValue(parameters.get(i)));
            list.add(p);
        }
        try {
            return Optional.of(JsonHttp.MAPPER.writeValueAsString(list));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode parameters", e);
        }
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return v.toString(); // dates and timestamps in ISO form, which Firebolt casts
    }

    private static HttpUrl withScheme(String url) {
        String full = url.startsWith("http://") || url.startsWith("https://") ? url : "https://" + url;
        HttpUrl parsed = HttpUrl.parse(full);
        if (parsed == null) {
            throw new UpstreamException(SYSTEM, "engine URL is not a URL: " + url, false);
        }
        return parsed;
    }

    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
