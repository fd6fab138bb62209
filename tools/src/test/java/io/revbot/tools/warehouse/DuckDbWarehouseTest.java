package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.UpstreamException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbWarehouseTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path home;

    static DuckDbWarehouse warehouse;

    @BeforeAll
    static void open() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-16T12:00:00Z"), ZoneOffset.UTC);
        warehouse = new DuckDbWarehouse(DuckDbWarehouse.demoFile(home), clock);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void generatesTheDemoDataOnFirstUseAsOfTheClockDate() {
        var result =
                warehouse.query("select value from demo_metadata where key = ?", List.of("as_of_date"), 10, TIMEOUT);
        assertThat(result.rows()).containsExactly(List.of("2026-03-16"));
        assertThat(Files.exists(home.resolve("demo.duckdb"))).isTrue();
    }

    @Test
    void regeneratesADemoFileMadeByAnotherGeneratorVersion(@TempDir Path other) throws Exception {
        Path file = other.resolve("demo.duckdb");
        try (var c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file, new java.util.Properties());
                var s = c.createStatement()) {
            s.execute("CREATE TABLE demo_metadata (key VARCHAR PRIMARY KEY, value VARCHAR)");
            s.execute("INSERT INTO demo_metadata VALUES ('generator_version', '0')");
        }
        try (var regenerated = new DuckDbWarehouse(file, Clock.systemUTC())) {
            var version =
                    regenerated.query("select value from demo_metadata where key = 'generator_version'", 1, TIMEOUT);
            assertThat(version.rows().get(0).get(0))
                    .isEqualTo(io.revbot.tools.demo.DemoDataGenerator.GENERATOR_VERSION);
            assertThat(regenerated
                            .query("select count(*) from salesforce_account_d", 1, TIMEOUT)
                            .rows()
                            .get(0))
                    .containsExactly(400L);
        }
    }

    @Test
    void bindsParametersAndMapsTypes() {
        var result = warehouse.query(
                "select count(*) as n, min(close_date) as first_close, max(created_at_ts) as last_created,"
                        + " avg(amount) as avg_amount, bool_or(amount > ?) as big from opportunity_d where stage_name = ?",
                List.of(100_000, "Negotiate"),
                10,
                TIMEOUT);
        assertThat(result.columns())
                .extracting(Warehouse.Column::name)
                .containsExactly("n", "first_close", "last_created", "avg_amount", "big");
        assertThat(result.columns().get(0).type()).isEqualTo("BIGINT");
        List<Object> row = result.rows().get(0);
        assertThat(row.get(0)).isInstanceOf(Long.class);
        assertThat((Long) row.get(0)).isPositive();
        assertThat(row.get(1)).isInstanceOf(LocalDate.class);
        assertThat(row.get(2)).isInstanceOf(LocalDateTime.class);
        assertThat(row.get(3)).isInstanceOf(Double.class);
        assertThat(row.get(4)).isEqualTo(true);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void capsRowsAndSaysTheResultWasTruncated() {
        var result = warehouse.query("select * from consumption_daily_d", 25, TIMEOUT);
        assertThat(result.rows()).hasSize(25);
        assertThat(result.truncated()).isTrue();
        var exact = warehouse.query("select * from employee_d limit 5", 5, TIMEOUT);
        assertThat(exact.rows()).hasSize(5);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void cancelsStatementsThatRunPastTheTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(
                        () -> warehouse.query("select count(*) from range(100000000000) a", 10, Duration.ofMillis(500)))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void isReadOnlyAndCannotTouchFilesEvenWithoutTheGuard() {
        assertThatThrownBy(() -> warehouse.query("delete from lead_d", 10, TIMEOUT))
                .isInstanceOf(UpstreamException.class);
        assertThatThrownBy(() -> warehouse.query("select * from read_csv('/etc/passwd')", 10, TIMEOUT))
                .isInstanceOf(UpstreamException.class);
        assertThatThrownBy(() -> warehouse.query("set enable_external_access = true", 10, TIMEOUT))
                .isInstanceOf(UpstreamException.class);
        assertThat(warehouse
                        .query("select count(*) from lead_d", 1, TIMEOUT)
                        .rows()
                        .get(0)
                        .get(0))
                .isEqualTo(322L);
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> warehouse.query("select * from no_such_table", 10, TIMEOUT))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("no_such_table")
                .hasMessageNotContaining("pending query result");
    }

    @Test
    void servesConcurrentQueries() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Object>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> warehouse
                        .query("select count(*) from opportunity_d", 1, TIMEOUT)
                        .rows()
                        .get(0)
                        .get(0)));
            }
            Object first = results.get(0).get();
            for (var r : results) {
                assertThat(r.get()).isEqualTo(first);
            }
        }
    }

    @Test
    void everyHostileFamilyIsRefusedByRunSqlBeforeItReachesDuckdb() {
        var tools = new WarehouseTools(
                warehouse,
                new SqlGuard(SqlDialect.DUCKDB, new WarehouseTableCatalog(warehouse, Clock.systemUTC())),
                home,
                10,
                TIMEOUT);
        for (HostileSqlTest.Case c : HostileSqlTest.CASES) {
            assertThatThrownBy(() -> tools.runSql(c.sql()))
                    .as(c.family() + ": " + c.sql())
                    .isInstanceOf(io.revbot.tools.ToolException.class)
                    .hasMessageStartingWith("SQL refused: ")
                    .hasMessageContaining(c.named());
        }
        assertThat(tools.runSql("select count(*) as n from lead_d")).contains("[[322]]");
    }

    @Test
    void theSideDoorsTheGuardClosesAreOpenInDuckdbItself() {
        // why the allow-list matters: without it these run even on the locked, read-only demo database
        assertThat(warehouse
                        .query("select * from pragma_database_list", 10, TIMEOUT)
                        .rows())
                .isNotEmpty();
        assertThat(warehouse
                        .query("select * from duckdb_databases()", 10, TIMEOUT)
                        .rows())
                .isNotEmpty();
        assertThat(warehouse
                        .query(
                                "select * from json_execute_serialized_sql(json_serialize_sql('select 42 as x'))",
                                10,
                                TIMEOUT)
                        .rows())
                .containsExactly(List.of(42L));
        // and what the connection itself refuses, guard or not
        assertThatThrownBy(() -> warehouse.query("set lock_configuration = false", 10, TIMEOUT))
                .hasMessageContaining("configuration has been locked");
        assertThatThrownBy(() -> warehouse.query("select * from glob('/etc/*')", 10, TIMEOUT))
                .isInstanceOf(UpstreamException.class);
        assertThatThrownBy(() -> warehouse.query("install httpfs", 10, TIMEOUT)).isInstanceOf(UpstreamException.class);
    }

    @Test
    void hugeValuesAreCutInDuckdbAndFetchingStopsAtTheByteCap() {
        var limits = new Warehouse.Limits(500, 100_000, 65_536, TIMEOUT);
        long started = System.nanoTime();
        var result = warehouse.query("select repeat('x', 3000000) as v from range(500)", List.of(), limits);
        assertThat(result.truncatedAtBytes()).isEqualTo(100_000);
        assertThat(result.truncated()).isTrue();
        assertThat(result.rows()).hasSize(1);
        assertThat((String) result.rows().get(0).get(0)).hasSize(65_537).endsWith("x…");
        assertThat(result.columns()).containsExactly(new Warehouse.Column("v", "VARCHAR"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT);
        assertThat(ResultJson.of(result, 40_000)).contains("\"note\":\"Truncated at 100000 bytes");
    }

    @Test
    void theDatabaseSideCutKeepsOrderNamesAndFixedTypes() {
        var limits = new Warehouse.Limits(3, 1_000_000, 3, TIMEOUT);
        var result = warehouse.query(
                "select i, repeat('ab', i::int) as s, [i, i + 1] as l, i * 1.5 as d, i as i from range(10) t(i)"
                        + " order by i desc",
                List.of(),
                limits);
        assertThat(result.columns()).extracting(Warehouse.Column::name).containsExactly("i", "s", "l", "d", "i");
        assertThat(result.rows()).hasSize(3);
        assertThat(result.truncated()).isTrue();
        assertThat(result.truncatedAtBytes()).isZero();
        assertThat(result.rows().get(0)).containsExactly(9L, "aba…", "[9,…", new java.math.BigDecimal("13.5"), 9L);
        assertThat(result.rows().get(2).get(0)).isEqualTo(7L);
    }
}
