package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.testing.Fixtures;
import io.revbot.tools.testing.MockServers;
import io.revbot.tools.testing.MutableClock;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FireboltHttpWarehouseTest {
    private final MockWebServer server = MockServers.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @AfterEach
    void stop() {
        server.close();
    }

    private FireboltHttpWarehouse managed() {
        return new FireboltHttpWarehouse(
                MockServers.client(),
                new FireboltHttpWarehouse.Options(
                        Optional.of("svc-client-id"),
                        Optional.of(Secret.of("svc-client-secret")),
                        Optional.of("acme"),
                        Optional.of("revops"),
                        Optional.of("analytics"),
                        server.url("/").uri(),
                        Optional.empty()),
                clock);
    }

    /** Token, system engine URL, USE DATABASE, USE ENGINE: the connection handshake. */
    private void enqueueHandshake(String token) {
        server.enqueue(MockServers.json(Fixtures.read("firebolt/token.json").replace("fb-access-1", token)));
        server.enqueue(MockServers.json(
                "{\"engineUrl\":\"" + server.url("/system").toString().replaceFirst("/$", "") + "\"}"));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Firebolt-Update-Parameters", "database=revops")
                .body(Fixtures.read("firebolt/use-empty.json"))
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader(
                        "Firebolt-Update-Endpoint",
                        server.url("/engine").toString().replaceFirst("/$", "") + "?engine=analytics&account_id=acc-42")
                .body(Fixtures.read("firebolt/use-empty.json"))
                .build());
    }

    @Test
    void connectsWithClientCredentialsResolvesTheEngineAndSendsBoundParametersServerSide() throws Exception {
        enqueueHandshake("fb-access-1");
        server.enqueue(MockServers.json(Fixtures.read("firebolt/query-opportunities.json")));
        Warehouse warehouse = managed();

        Warehouse.QueryResult result = warehouse.query(
                "SELECT * FROM opportunity_d WHERE stage_name = ? AND note <> '?' AND amount > ?",
                List.of("Negotiate", 1000),
                100,
                Duration.ofSeconds(30));

        RecordedRequest token = MockServers.take(server);
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getUrl().encodedPath()).isEqualTo("/oauth/token");
        assertThat(token.getBody().utf8())
                .contains("grant_type=client_credentials")
                .contains("client_id=svc-client-id")
                .contains("client_secret=svc-client-secret")
                .contains("audience=https%3A%2F%2Fapi.firebolt.io");

        RecordedRequest engineUrl = MockServers.take(server);
        assertThat(engineUrl.getMethod()).isEqualTo("GET");
        assertThat(engineUrl.getUrl().encodedPath()).isEqualTo("/web/v3/account/acme/engineUrl");
        assertThat(engineUrl.getHeaders().get("Authorization")).isEqualTo("Bearer fb-access-1");

        RecordedRequest useDatabase = MockServers.take(server);
        assertThat(useDatabase.getUrl().encodedPath()).isEqualTo("/system");
        assertThat(useDatabase.getBody().utf8()).isEqualTo("USE DATABASE \"revops\"");
        RecordedRequest useEngine = MockServers.take(server);
        assertThat(useEngine.getUrl().encodedPath()).isEqualTo("/system");
        assertThat(useEngine.getUrl().queryParameter("database")).isEqualTo("revops");
        assertThat(useEngine.getBody().utf8()).isEqualTo("USE ENGINE \"analytics\"");

        RecordedRequest query = MockServers.take(server);
        assertThat(query.getMethod()).isEqualTo("POST");
        assertThat(query.getUrl().encodedPath()).isEqualTo("/engine");
        assertThat(query.getUrl().queryParameter("database")).isEqualTo("revops");
        assertThat(query.getUrl().queryParameter("engine")).isEqualTo("analytics");
        assertThat(query.getUrl().queryParameter("account_id")).isEqualTo("acc-42");
        assertThat(query.getUrl().queryParameter("output_format")).isEqualTo("JSON_Compact");
        assertThat(query.getHeaders().get("Authorization")).isEqualTo("Bearer fb-access-1");
        assertThat(query.getBody().utf8())
                .isEqualTo("SELECT * FROM opportunity_d WHERE stage_name = $1 AND note <> '?' AND amount > $2");
        JsonNode params = new ObjectMapper().readTree(query.getUrl().queryParameter("query_parameters"));
        assertThat(params.toString())
                .isEqualTo("[{\"name\":\"$1\",\"value\":\"Negotiate\"},{\"name\":\"$2\",\"value\":1000}]");

        assertThat(result.columns())
                .extracting(Warehouse.Column::name)
                .containsExactly(
                        "opportunity_name",
                        "stage_name",
                        "amount",
                        "probability",
                        "close_date",
                        "created_at_ts",
                        "tcv",
                        "is_open",
                        "calls");
        assertThat(result.columns().get(2).type()).isEqualTo("double precision null");
        assertThat(result.rows()).hasSize(3);
        assertThat(result.rows().get(0))
                .containsExactly(
                        "Vertex Analytics - Platform Migration",
                        "Negotiate",
                        480000.0,
                        75L,
                        LocalDate.parse("2026-03-31"),
                        LocalDateTime.parse("2025-10-02T09:15:00"),
                        new BigDecimal("480000.00"),
                        true,
                        12L);
        assertThat(result.rows().get(2))
                .containsExactly("Acme - Renewal", null, null, null, null, null, null, false, 0L);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeItExpiresThenFetchedAgain() {
        enqueueHandshake("fb-access-1");
        server.enqueue(MockServers.json(Fixtures.read("firebolt/use-empty.json")));
        server.enqueue(MockServers.json(Fixtures.read("firebolt/use-empty.json")));
        Warehouse warehouse = managed();

        warehouse.query("SELECT 1", 10, Duration.ofSeconds(5));
        clock.advance(Duration.ofMinutes(50));
        warehouse.query("SELECT 2", 10, Duration.ofSeconds(5));
        assertThat(server.getRequestCount())
                .as("one token, three handshake calls, two queries")
                .isEqualTo(6);

        clock.advance(Duration.ofMinutes(9)); // 59 minutes: within the minute before expiry
        server.enqueue(MockServers.json(Fixtures.read("firebolt/token.json").replace("fb-access-1", "fb-access-2")));
        server.enqueue(MockServers.json(Fixtures.read("firebolt/use-empty.json")));
        warehouse.query("SELECT 3", 10, Duration.ofSeconds(5));

        for (int i = 0; i < 6; i++) {
            MockServers.take(server);
        }
        RecordedRequest refresh = MockServers.take(server);
        assertThat(refresh.getUrl().encodedPath()).isEqualTo("/oauth/token");
        RecordedRequest third = MockServers.take(server);
        assertThat(third.getHeaders().get("Authorization")).isEqualTo("Bearer fb-access-2");
        assertThat(third.getBody().utf8()).isEqualTo("SELECT 3");
    }

    @Test
    void aRevokedTokenIsReplacedOnceOnA401() {
        enqueueHandshake("fb-access-1");
        server.enqueue(MockServers.json(401, "{\"error\":\"Unauthorized\",\"code\":16,\"message\":\"token expired\"}"));
        server.enqueue(MockServers.json(Fixtures.read("firebolt/token.json").replace("fb-access-1", "fb-access-2")));
        server.enqueue(MockServers.json(Fixtures.read("firebolt/query-opportunities.json")));

        Warehouse.QueryResult result = managed().query("SELECT 1", 2, Duration.ofSeconds(5));

        assertThat(result.rows()).hasSize(2);
        assertThat(result.truncated()).as("3 rows, cap 2").isTrue();
        for (int i = 0; i < 5; i++) {
            MockServers.take(server);
        }
        assertThat(MockServers.take(server).getUrl().encodedPath()).isEqualTo("/oauth/token");
        assertThat(MockServers.take(server).getHeaders().get("Authorization")).isEqualTo("Bearer fb-access-2");
    }

    @Test
    void anErrorDocumentBecomesAnUpstreamExceptionWithFireboltsMessage() {
        enqueueHandshake("fb-access-1");
        server.enqueue(MockServers.json(400, Fixtures.read("firebolt/error-column.json")));
        server.enqueue(MockServers.json(200, Fixtures.read("firebolt/error-column.json")));
        Warehouse warehouse = managed();

        assertThatThrownBy(() -> warehouse.query("SELECT stage FROM opportunity_d", 10, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("Firebolt: HTTP 400: Line 1, Column 8: column \"stage\" does not exist in table"
                                    + " \"opportunity_d\"");
                    assertThat(e.retriable()).isFalse();
                });
        assertThatThrownBy(() -> warehouse.query("SELECT stage FROM opportunity_d", 10, Duration.ofSeconds(5)))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Firebolt: Line 1, Column 8: column \"stage\" does not exist in table \"opportunity_d\"");
    }

    @Test
    void fireboltCoreTakesQueriesDirectlyWithoutAuth() {
        server.enqueue(MockServers.json(Fixtures.read("firebolt/query-opportunities.json")));
        Warehouse core = new FireboltHttpWarehouse(
                MockServers.client(),
                new FireboltHttpWarehouse.Options(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("revops"),
                        Optional.empty(),
                        FireboltHttpWarehouse.Options.DEFAULT_API_URL,
                        Optional.of(server.url("/").uri())),
                clock);

        assertThat(core.query("SELECT 1", 10, Duration.ofSeconds(5)).rows()).hasSize(3);

        RecordedRequest query = MockServers.take(server);
        assertThat(query.getHeaders().get("Authorization")).isNull();
        assertThat(query.getUrl().queryParameter("database")).isEqualTo("revops");
        assertThat(query.getUrl().queryParameter("output_format")).isEqualTo("JSON_Compact");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToTheByteCapAndLongValuesAreCut() {
        StringBuilder body = new StringBuilder("{\"meta\":[{\"name\":\"v\",\"type\":\"text\"}],\"data\":[");
        String value = "x".repeat(50_000);
        for (int i = 0; i < 300; i++) {
            body.append(i == 0 ? "" : ",").append("[\"").append(value).append("\"]");
        }
        body.append("],\"rows\":300}");
        server.enqueue(MockServers.json(body.toString()));
        Warehouse core = new FireboltHttpWarehouse(
                MockServers.client(),
                new FireboltHttpWarehouse.Options(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("revops"),
                        Optional.empty(),
                        FireboltHttpWarehouse.Options.DEFAULT_API_URL,
                        Optional.of(server.url("/").uri())),
                clock);

        Warehouse.QueryResult result = core.query(
                "SELECT v FROM t", List.of(), new Warehouse.Limits(500, 1_000_000, 100, Duration.ofSeconds(5)));

        assertThat(result.truncatedAtBytes()).isEqualTo(1_000_000);
        assertThat(result.rows()).as("19 rows of 50,004 bytes fit in 1,000,000").hasSize(19);
        assertThat((String) result.rows().get(0).get(0)).hasSize(101).endsWith("x…");
        assertThat(ResultJson.of(result, 40_000)).contains("Truncated at 1000000 bytes");
    }

    @Test
    void theIdentityEndpointFollowsTheApiEnvironment() {
        var options = new FireboltHttpWarehouse.Options(
                Optional.of("id"),
                Optional.of(Secret.of("s")),
                Optional.of("a"),
                Optional.empty(),
                Optional.empty(),
                URI.create("https://api.staging.firebolt.io"),
                Optional.empty());
        assertThat(new FireboltHttpWarehouse(MockServers.client(), options, clock)
                        .identityUrl()
                        .toString())
                .isEqualTo("https://id.staging.firebolt.io/");
        var production = new FireboltHttpWarehouse(
                MockServers.client(),
                new FireboltHttpWarehouse.Options(
                        Optional.of("id"),
                        Optional.of(Secret.of("s")),
                        Optional.of("a"),
                        Optional.empty(),
                        Optional.empty(),
                        FireboltHttpWarehouse.Options.DEFAULT_API_URL,
                        Optional.empty()),
                clock);
        assertThat(production.identityUrl().toString()).isEqualTo("https://id.app.firebolt.io/");
    }

    @Test
    void placeholdersInsideLiteralsIdentifiersAndCommentsAreLeftAlone() {
        Placeholders.Numbered n =
                Placeholders.number("SELECT '?', \"a?\", 'it''s ?' -- why?\n FROM t /* ? */ WHERE a = ? AND b = ?");
        assertThat(n.sql()).isEqualTo("SELECT '?', \"a?\", 'it''s ?' -- why?\n FROM t /* ? */ WHERE a = $1 AND b = $2");
        assertThat(n.count()).isEqualTo(2);
    }
}
