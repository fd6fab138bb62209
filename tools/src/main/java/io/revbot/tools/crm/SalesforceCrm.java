package io.revbot.tools.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.tools.Secret;
import io.revbot.tools.ToolException;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.JsonHttp;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Salesforce through its REST API. Authenticates with the OAuth 2.0 client-credentials flow
 * ({@code POST /services/oauth2/token} on the instance, for a connected app with a run-as user); the token is reused
 * until Salesforce answers 401, then fetched once more. Searches are SOQL queries whose user text is escaped as SOQL
 * literals ({@link Soql}); results follow {@code nextRecordsUrl} until done or the limit is reached.
 */
public final class SalesforceCrm implements Crm {
    static final String SYSTEM = "Salesforce";
    static final String API_VERSION = "v61.0";
    private static final Pattern RECORD_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

    private final JsonHttp http;
    private final HttpUrl instanceUrl;
    private final String clientId;
    private final Secret clientSecret;

    private final Object lock = new Object();
    private String token;
    private HttpUrl apiBase;

    public SalesforceCrm(OkHttpClient client, URI instanceUrl, String clientId, Secret clientSecret) {
        this.http = new JsonHttp(client, SYSTEM, SalesforceCrm::errorMessage);
        this.instanceUrl = HttpUrl.get(instanceUrl.toString());
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String describe() {
        return "salesforce (" + instanceUrl.scheme() + "://" + instanceUrl.host() + ")";
    }

    @Override
    public void check() {
        query("SELECT Id FROM User LIMIT 1", 1);
    }

    @Override
    public List<Account> findAccounts(String text, int limit) {
        String soql = "SELECT Id, Name, Type, Industry, BillingCountry, Website, NumberOfEmployees, Owner.Name"
                + " FROM Account WHERE Name LIKE " + Soql.containsPattern(text)
                + " OR Website LIKE " + Soql.containsPattern(text)
                + " ORDER BY Name LIMIT " + bounded(limit);
        List<Account> out = new ArrayList<>();
        for (JsonNode r : query(soql, bounded(limit))) {
            out.add(new Account(
                    r.path("Id").asText(),
                    r.path("Name").asText(),
                    text(r, "Type"),
                    text(r, "Industry"),
                    text(r, "BillingCountry"),
                    text(r, "Website"),
                    r.path("NumberOfEmployees").isNumber()
                            ? Optional.of(r.path("NumberOfEmployees").asInt())
                            : Optional.empty(),
                    text(r.path("Owner"), "Name")));
        }
        return out;
    }

    @Override
    public List<Opportunity> findOpportunities(String text, int limit) {
        String soql = "SELECT Id, Name, AccountId, Account.Name, Type, StageName, Amount, Probability, CloseDate,"
                + " Owner.Name FROM Opportunity WHERE Name LIKE " + Soql.containsPattern(text)
                + " OR Account.Name LIKE " + Soql.containsPattern(text)
                + " ORDER BY IsClosed ASC, CloseDate DESC LIMIT " + bounded(limit);
        List<Opportunity> out = new ArrayList<>();
        for (JsonNode r : query(soql, bounded(limit))) {
            out.add(new Opportunity(
                    r.path("Id").asText(),
                    r.path("Name").asText(),
                    text(r, "AccountId"),
                    text(r.path("Account"), "Name"),
                    text(r, "Type"),
                    text(r, "StageName"),
                    r.path("Amount").isNumber() ? Optional.of(r.path("Amount").decimalValue()) : Optional.empty(),
                    r.path("Probability").isNumber()
                            ? Optional.of(r.path("Probability").asInt())
                            : Optional.empty(),
                    text(r, "CloseDate").map(LocalDate::parse),
                    text(r.path("Owner"), "Name")));
        }
        return out;
    }

    @Override
    public List<Person> findPeople(String text, int limit) {
        String match =
                "(Name LIKE " + Soql.containsPattern(text) + " OR Email LIKE " + Soql.containsPattern(text) + ")";
        List<Person> out = new ArrayList<>();
        for (JsonNode r : query(
                "SELECT Id, Name, Email, Title, Account.Name FROM Contact WHERE " + match + " ORDER BY Name LIMIT "
                        + bounded(limit),
                bounded(limit))) {
            out.add(new Person(
                    "contact",
                    r.path("Id").asText(),
                    r.path("Name").asText(),
                    text(r, "Email"),
                    text(r, "Title"),
                    text(r.path("Account"), "Name")));
        }
        for (JsonNode r : query(
                "SELECT Id, Name, Email, Title, Company FROM Lead WHERE " + match
                        + " AND IsConverted = false ORDER BY Name LIMIT " + bounded(limit),
                bounded(limit))) {
            out.add(new Person(
                    "lead",
                    r.path("Id").asText(),
                    r.path("Name").asText(),
                    text(r, "Email"),
                    text(r, "Title"),
                    text(r, "Company")));
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    @Override
    public Optional<CrmRecord> getRecord(RecordType type, String id) {
        checkId(id);
        JsonNode json;
        try {
            json = authorized(() -> new Request.Builder()
                    .url(api().newBuilder()
                            .addPathSegment("sobjects")
                            .addPathSegment(type.salesforceName())
                            .addPathSegment(id)
                            .build())
                    .get());
        } catch (UpstreamException e) {
            if (e.getMessage().startsWith(SYSTEM + ": HTTP 404")) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("attributes")) {
                fields.put(e.getKey(), plain(e.getValue()));
            }
        }
        String ownerId = json.path("OwnerId").textValue();
        if (ownerId != null) {
            fields.put("owner_name", userName(ownerId).orElse("(unknown user " + ownerId + ")"));
        }
        return Optional.of(new CrmRecord(
                type, json.path("Id").asText(id), json.path("Name").asText(id), fields));
    }

    @Override
    public void update(RecordType type, String id, Map<String, Object> fields, String approvedBy) {
        checkId(id);
        for (String field : fields.keySet()) {
            if (!FIELD_NAME.matcher(field).matches()) {
                throw new ToolException("not a Salesforce field name: " + field);
            }
        }
        authorized(() -> new Request.Builder()
                .url(api().newBuilder()
                        .addPathSegment("sobjects")
                        .addPathSegment(type.salesforceName())
                        .addPathSegment(id)
                        .build())
                .patch(JsonHttp.json(fields)));
    }

    /** Runs a SOQL query, following {@code nextRecordsUrl} until done or {@code maxRecords} are read. */
    List<JsonNode> query(String soql, int maxRecords) {
        List<JsonNode> records = new ArrayList<>();
        HttpUrl next = api().newBuilder()
                .addPathSegment("query")
                .addQueryParameter("q", soql)
                .build();
        while (next != null) {
            HttpUrl url = next;
            JsonNode page = authorized(() -> new Request.Builder().url(url).get());
            for (JsonNode r : page.path("records")) {
                if (records.size() >= maxRecords) {
                    return records;
                }
                records.add(r);
            }
            String nextPath = page.path("nextRecordsUrl").textValue();
            next = page.path("done").asBoolean(true) || nextPath == null ? null : resolve(nextPath);
        }
        return records;
    }

    private Optional<String> userName(String userId) {
        if (!RECORD_ID.matcher(userId).matches()) {
            return Optional.empty();
        }
        List<JsonNode> users = query("SELECT Name FROM User WHERE Id = " + Soql.literal(userId), 1);
        return users.isEmpty() ? Optional.empty() : text(users.get(0), "Name");
    }

    /** Sends with the current token; on 401 fetches a new token and sends once more. */
    private JsonNode authorized(Supplier<Request.Builder> request) {
        String current = token();
        try {
            return http.send(
                    request.get().header("Authorization", "Bearer " + current).build());
        } catch (UpstreamException e) {
            if (!e.getMessage().startsWith(SYSTEM + ": HTTP 401")) {
                throw e;
            }
            synchronized (lock) {
                if (current.equals(token)) {
                    token = null;
                }
            }
            return http.send(
                    request.get().header("Authorization", "Bearer " + token()).build());
        }
    }

    private String token() {
        synchronized (lock) {
            if (token == null) {
                JsonNode json = http.send(new Request.Builder()
                        .url(instanceUrl
                                .newBuilder()
                                .addPathSegments("services/oauth2/token")
                                .build())
                        .post(new FormBody.Builder()
                                .add("grant_type", "client_credentials")
                                .add("client_id", clientId)
                                .add("client_secret", clientSecret.reveal())
                                .build())
                        .build());
                String accessToken = json.path("access_token").textValue();
                if (accessToken == null) {
                    throw new UpstreamException(SYSTEM, "token answer has no access_token", false);
                }
                String instance = json.path("instance_url").textValue();
                HttpUrl base = instance == null ? instanceUrl : HttpUrl.parse(instance);
                apiBase = (base == null ? instanceUrl : base)
                        .newBuilder()
                        .encodedPath("/services/data/" + API_VERSION)
                        .build();
                token = accessToken;
            }
            return token;
        }
    }

    private HttpUrl api() {
        token();
        synchronized (lock) {
            return apiBase;
        }
    }

    private HttpUrl resolve(String path) {
        HttpUrl base = api();
        HttpUrl url = base.resolve(path);
        if (url == null || !url.host().equals(base.host())) {
            throw new UpstreamException(SYSTEM, "unexpected nextRecordsUrl " + path, false);
        }
        return url;
    }

    private static void checkId(String id) {
        if (id == null || !RECORD_ID.matcher(id).matches()) {
            throw new ToolException("not a Salesforce record id (15 or 18 letters and digits): " + id);
        }
    }

    private static int bounded(int limit) {
        return Math.max(1, Math.min(limit, 200));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Object plain(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return new BigDecimal(v.asText());
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Salesforce errors: {@code [{"message","errorCode"}]} or OAuth's {@code {"error","error_description"}}. */
    static String errorMessage(JsonNode json) {
        if (json.isArray() && !json.isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (JsonNode e : json) {
                messages.add(
                        e.path("errorCode").asText("") + " " + e.path("message").asText(""));
            }
            return String.join("; ", messages).strip();
        }
        if (json.has("error")) {
            return json.path("error").asText() + ": "
                    + json.path("error_description").asText("");
        }
        return null;
    }
}
