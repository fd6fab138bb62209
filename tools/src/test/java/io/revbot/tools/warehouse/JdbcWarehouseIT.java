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
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JdbcWarehouse} and the warehouse tools against native PostgreSQL, in a schema of their own. */
class JdbcWarehouseIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static JdbcWarehouse warehouse;

    @BeforeAll
    static void setUp() throws Exception {
        String url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "warehouse_it");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE opportunity_d (opportunity_id varchar PRIMARY KEY, stage_name varchar,"
                    + " amount numeric(14,2), probability integer, close_date date, created_at_ts timestamp)");
            s.execute("INSERT INTO opportunity_d SELECT 'opp' || i, CASE WHEN i % 3 = 0 THEN 'Negotiate' ELSE"
                    + " 'Discover' END, i * 1000.5, 10, DATE '2026-01-01' + i, TIMESTAMP '2025-12-01 09:30' +"
                    + " i * INTERVAL '1 hour' FROM generate_series(1, 30) AS i");
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
    void runs_queries_with_bind_parameters_and_normalised_types() {
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
    void caps_rows_and_flags_truncation() {
        var result = warehouse.query("SELECT * FROM opportunity_d", 7, TIMEOUT);
        assertThat(result.rows()).hasSize(7);
        assertThat(result.truncated()).isTrue();
    }

    @Test
    void cancels_a_statement_at_its_timeout() {
        assertThatThrownBy(() -> warehouse.query("SELECT pg_sleep(20)", 1, Duration.ofSeconds(1)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void connections_are_read_only() {
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
    void describe_never_shows_the_password() {
        JdbcWarehouse secret = new JdbcWarehouse("jdbc:postgresql://db.example.com/x?user=u&password=hunter2");
        assertThat(secret.describe()).doesNotContain("hunter2").startsWith("jdbc (jdbc:postgresql://db.example.com/x");
        secret.close();
    }

    @Test
    void warehouse_tools_describe_postgres_tables_of_the_current_schema() throws Exception {
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
                .isEqualTo("[{\"name\":\"opportunity_d\"}]");
        var rows = new ObjectMapper()
                .readTree(tools.runSql("select stage_name, count(*) from opportunity_d" + " group by 1 order by 1"));
        assertThat(rows.get("rows").toString()).isEqualTo("[[\"Discover\",20],[\"Negotiate\",10]]");
    }
}
