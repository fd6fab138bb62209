package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JdbcWarehouse} and the warehouse tools against native PostgreSQL, in a schema of their own. */
class JdbcWarehouseIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static String url;
    static JdbcWarehouse warehouse;

    @BeforeAll
    static void setUp() throws Exception {
        url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "warehouse_it");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE opportunity_d (opportunity_id varchar PRIMARY KEY, stage_name varchar,"
                    + " amount numeric(14,2), probability integer, close_date date, created_at_ts timestamp)");
            s.execute("INSERT INTO opportunity_d SELECT 'opp' || i, CASE WHEN i % 3 = 0 THEN 'Negotiate' ELSE"
                    + " 'Discover' END, i * 1000.5, 10, DATE '2026-01-01' + i, TIMESTAMP '2025-12-01 09:30' +"
                    + " i * INTERVAL '1 hour' FROM generate_series(1, 30) AS i");
            s.execute("CREATE TABLE typed_values (seen_at timestamptz, id uuid, doc json, docb jsonb, page xml,"
                    + " tags text[], scores int[], grid int[][], raw bytea, span interval)");
            s.execute("INSERT INTO typed_values VALUES ('2026-03-01 10:15:30+02',"
                    + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '{\"b\": [1, 2]}', '<p>hi</p>',"
                    + " ARRAY['x', 'y'], ARRAY[1, 2, 3], ARRAY[[1, 2], [3, 4]], '\\x0102ff', INTERVAL '2 days')");
        }
        warehouse = new JdbcWarehouse(url);
    }

    @AfterAll
    static void tearDown() {
        if (warehouse != null) {
            warehouse.close();
        }
    }

    @Test
    void runsQueriesWithBindParametersAndNormalisedTypes() {
        var result = warehouse.query(
                "SELECT opportunity_id, amount, probability, close_date, created_at_ts FROM opportunity_d"
                        + " WHERE stage_name = ? AND amount > ? ORDER BY amount LIMIT 1",
                List.of("Negotiate", 5000),
                10,
                TIMEOUT);
        assertThat(result.rows()).hasSize(1);
        List<Object> row = result.rows().get(0);
        assertThat(row.get(0)).isEqualTo("opp6");
        assertThat(row.get(1)).isEqualTo(new BigDecimal("6003.00"));
        assertThat(row.get(2)).isEqualTo(10L);
        assertThat(row.get(3)).isEqualTo(LocalDate.of(2026, 1, 7));
        assertThat(row.get(4)).isEqualTo(LocalDateTime.of(2025, 12, 1, 15, 30));
        assertThat(result.columns().get(1).type()).isEqualTo("numeric");
    }

    @Test
    void capsRowsAndFlagsTruncation() {
        var result = warehouse.query("SELECT * FROM opportunity_d", 7, TIMEOUT);
        assertThat(result.rows()).hasSize(7);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void cancelsAStatementAtItsTimeout() {
        assertThatThrownBy(() -> warehouse.query("SELECT pg_sleep(20)", 1, Duration.ofSeconds(1)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void connectionsAreReadOnly() {
        assertThatThrownBy(() -> warehouse.query("DELETE FROM opportunity_d", 1, TIMEOUT))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("read-only");
        assertThat(warehouse
                        .query("SELECT count(*) FROM opportunity_d", 1, TIMEOUT)
                        .rows()
                        .get(0)
                        .get(0))
                .isEqualTo(30L);
    }

    @Test
    void describeNeverShowsThePassword() {
        JdbcWarehouse secret = new JdbcWarehouse("jdbc:postgresql://db.example.com/x?user=u&password=hunter2");
        assertThat(secret.describe()).doesNotContain("hunter2").startsWith("jdbc (jdbc:postgresql://db.example.com/x");
        secret.close();
    }

    @Test
    void warehouseToolsDescribePostgresTablesOfTheCurrentSchema() throws Exception {
        var tools = new WarehouseTools(
                warehouse,
                new SqlGuard(SqlDialect.POSTGRESQL, new WarehouseTableCatalog(warehouse, java.time.Clock.systemUTC())),
                Path.of("no-knowledge-base"),
                5,
                TIMEOUT);
        var json = new ObjectMapper().readTree(tools.describeTable("opportunity_d"));
        assertThat(json.get("columns")).hasSize(6);
        assertThat(json.get("columns").get(1).toString())
                .isEqualTo("{\"name\":\"stage_name\",\"type\":\"character varying\"}");
        assertThat(new ObjectMapper().readTree(tools.listTables()).get("tables").toString())
                .isEqualTo("[{\"name\":\"opportunity_d\"},{\"name\":\"typed_values\"}]");
        var rows = new ObjectMapper()
                .readTree(tools.runSql("select stage_name, count(*) from opportunity_d" + " group by 1 order by 1"));
        assertThat(rows.get("rows").toString()).isEqualTo("[[\"Discover\",20],[\"Negotiate\",10]]");
    }

    static WarehouseTools tools(JdbcWarehouse on, int rows) {
        SqlGuard guard = new SqlGuard(SqlDialect.POSTGRESQL, new WarehouseTableCatalog(on, Clock.systemUTC()));
        return new WarehouseTools(on, guard, Path.of("no-knowledge-base"), rows, TIMEOUT);
    }

    @Test
    void readsNowTimestamptzUuidJsonXmlArraysBytesAndIntervals() {
        var now = warehouse.query("SELECT now()", 1, TIMEOUT);
        assertThat(now.rows().get(0).get(0)).isInstanceOf(Instant.class);
        assertThat(now.columns().get(0).type()).isEqualTo("timestamptz");

        var result = warehouse.query("SELECT * FROM typed_values", 1, TIMEOUT);
        assertThat(result.rows().get(0))
                .containsExactly(
                        Instant.parse("2026-03-01T08:15:30Z"),
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                        "{\"a\": 1}",
                        "{\"b\": [1, 2]}",
                        "<p>hi</p>",
                        List.of("x", "y"),
                        List.of(1L, 2L, 3L),
                        List.of(List.of(1L, 2L), List.of(3L, 4L)),
                        "\\x0102ff",
                        "2 days");
        assertThat(ResultJson.of(result, 40_000))
                .contains("\"2026-03-01T08:15:30Z\"", "[\"x\",\"y\"]", "[1,2,3]", "\"<p>hi</p>\"");
    }

    @Test
    void runSqlReadsTheSameTypesWithLongValuesCutByPostgres() throws Exception {
        var json = new ObjectMapper()
                .readTree(tools(warehouse, 5)
                        .runSql(
                                "SELECT seen_at, id, doc, page, tags, scores, now() AS asked_at, repeat('x', 5000) AS long_text"
                                        + " FROM typed_values"));
        var row = json.get("rows").get(0);
        assertThat(row.get(0).asText()).isEqualTo("2026-03-01T08:15:30Z");
        assertThat(row.get(1).asText()).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(row.get(3).asText()).isEqualTo("<p>hi</p>");
        assertThat(row.get(4).asText()).isEqualTo("{x,y}");
        assertThat(row.get(7).asText()).hasSize(ResultJson.MAX_CELL_CHARS + 1).endsWith("…");
        assertThat(json.get("columns").get(4).get("type").asText()).isEqualTo("_text");
    }

    @Test
    void runSqlKeepsTheOrderOfTheQueryThroughTheBoundedWrapper() throws Exception {
        var json = new ObjectMapper()
                .readTree(tools(warehouse, 3)
                        .runSql("SELECT opportunity_id, amount FROM opportunity_d ORDER BY amount DESC"));
        assertThat(json.get("rows").toString())
                .isEqualTo("[[\"opp30\",30015.0],[\"opp29\",29014.5],[\"opp28\",28014.0]]");
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThatThrownBy(() -> tools(warehouse, 3).runSql("SELECT nope FROM opportunity_d"))
                .as("the query's own error, not the aborted transaction's")
                .hasMessageContaining("column \"nope\" does not exist");
    }

    @Test
    void everyHostileFamilyIsRefusedByRunSqlOnPostgres() {
        var tools = tools(warehouse, 10);
        for (HostileSqlTest.Case c : HostileSqlTest.CASES) {
            assertThatThrownBy(() -> tools.runSql(c.sql()))
                    .as(c.family() + ": " + c.sql())
                    .isInstanceOf(io.revbot.tools.ToolException.class)
                    .hasMessageStartingWith("SQL refused: ")
                    .hasMessageContaining(c.named());
        }
    }

    @Test
    void noAdvisoryLockSurvivesItsQueryEvenPastTheGuard() throws Exception {
        try (JdbcWarehouse one = new JdbcWarehouse(url, 1, TIMEOUT)) {
            // straight to the warehouse: the guard would refuse both
            one.query("SELECT pg_advisory_lock(4242)", 1, TIMEOUT);
            one.query("SELECT query_to_xml('select pg_advisory_lock(4243)', true, true, '')", 1, TIMEOUT);
            assertThat(advisoryLocks())
                    .as("held after the queries returned their connection")
                    .isZero();
            // the pooled connection is still usable, with its prepared statements, after every reset
            for (int i = 0; i < 12; i++) {
                assertThat(one.query("SELECT count(*) FROM opportunity_d WHERE amount > ?", List.of(i), 1, TIMEOUT)
                                .rows()
                                .get(0)
                                .get(0))
                        .isEqualTo(30L);
            }
        }
    }

    private static long advisoryLocks() throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sessionsAreReadOnlyWithAStatementTimeoutWhateverTheLastQueryChanged() {
        try (JdbcWarehouse one = new JdbcWarehouse(url, 1, Duration.ofSeconds(2))) {
            assertThat(settings(one)).containsExactly("on", "2s");
            one.query(
                    "SELECT set_config('default_transaction_read_only', 'off', false),"
                            + " set_config('statement_timeout', '0', false)",
                    1,
                    TIMEOUT);
            assertThat(settings(one)).as("after a query that changed them").containsExactly("on", "2s");
            assertThatThrownBy(() -> one.query("DELETE FROM opportunity_d", 1, TIMEOUT))
                    .hasMessageContaining("read-only");
            long started = System.nanoTime();
            assertThatThrownBy(() -> one.query("SELECT pg_sleep(20)", 1, TIMEOUT))
                    .as("the session's own timeout, though the query allowed 30 s")
                    .hasMessageContaining("statement timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static List<Object> settings(JdbcWarehouse on) {
        return on.query(
                        "SELECT current_setting('default_transaction_read_only'), current_setting('statement_timeout')",
                        1,
                        TIMEOUT)
                .rows()
                .get(0);
    }

    @Test
    void theDocumentedReadOnlyRoleReadsItsSchemaAndNothingMore() throws Exception {
        String role = "revbot_reader_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String schema = url.replaceAll(".*currentSchema=([^,&]+).*", "$1");
        try (Connection admin = DriverManager.getConnection(url);
                Statement s = admin.createStatement()) {
            // the README's recipe (tools/README.md, "A read-only role for a PostgreSQL warehouse")
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-secret'");
            s.execute("GRANT CONNECT ON DATABASE " + admin.getCatalog() + " TO " + role);
            s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            s.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            s.execute("ALTER ROLE " + role + " SET statement_timeout = '60s'");
        }
        String readerUrl = url.replaceAll("user=[^&]*", "user=" + role) + "&password=reader-secret";
        try (JdbcWarehouse reader = new JdbcWarehouse(readerUrl)) {
            assertThat(reader.query("SELECT count(*) FROM opportunity_d", 1, TIMEOUT)
                            .rows()
                            .get(0)
                            .get(0))
                    .isEqualTo(30L);
            assertThatThrownBy(() -> reader.query("SELECT pg_read_file('/etc/passwd')", 1, TIMEOUT))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> reader.query("SELECT pg_ls_dir('.')", 1, TIMEOUT))
                    .hasMessageContaining("permission denied");
            var tools = tools(reader, 5);
            assertThat(tools.listTables()).contains("opportunity_d");
        } finally {
            try (Connection admin = DriverManager.getConnection(url);
                    Statement s = admin.createStatement()) {
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }
}
