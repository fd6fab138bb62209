package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse tools over a small real DuckDB file and a knowledge folder with one schema doc. */
class WarehouseToolsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static DuckDbWarehouse warehouse;
    static WarehouseTools tools;

    @BeforeAll
    static void setUp() throws Exception {
        Path file = dir.resolve("small.duckdb");
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE opportunity_d (opportunity_id VARCHAR, stage_name VARCHAR, amount DOUBLE,"
                    + " close_date DATE)");
            s.execute("INSERT INTO opportunity_d SELECT 'opp' || i, CASE WHEN i % 2 = 0 THEN 'Negotiate' ELSE"
                    + " 'Discover' END, i * 1000.0, DATE '2026-01-01' + i::INT FROM range(30) t(i)");
            s.execute("CREATE TABLE lead_d (lead_id VARCHAR, lead_name VARCHAR)");
            s.execute("INSERT INTO lead_d VALUES ('l1', 'Maya Chen')");
        }
        Path kb = dir.resolve("knowledge_base");
        Files.createDirectories(kb.resolve("schema"));
        Files.writeString(kb.resolve("schema/opportunity_d.md"), """
                # opportunity_d

                One row per Salesforce opportunity (deal), open or closed.

                | column | type | description |
                |---|---|---|
                | `opportunity_id` | VARCHAR | Salesforce opportunity id |
                | stage_name | VARCHAR | Current sales stage; see the stage model |
                | amount | DOUBLE | Total contract value (TCV) in USD |
                """);
        warehouse = new DuckDbWarehouse(file, Clock.systemUTC());
        tools = new WarehouseTools(
                warehouse,
                new SqlGuard(SqlDialect.DUCKDB, new WarehouseTableCatalog(warehouse, Clock.systemUTC())),
                kb,
                10,
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void tearDown() {
        warehouse.close();
    }

    static final class RecordingObserver implements ToolObserver {
        final Map<String, Object> facts = new LinkedHashMap<>();

        @Override
        public void fact(String name, Object value) {
            facts.put(name, value);
        }

        @Override
        public void knowledgeReference(String document, String section, double score) {}
    }

    @Test
    void runSqlReturnsCompactJsonAndReportsFacts() throws Exception {
        var observer = new RecordingObserver();
        String answer = ToolObserver.runWith(
                observer,
                () -> tools.runSql(
                        "select stage_name, count(*) as deals, sum(amount) as tcv from opportunity_d group by 1 order by 1;"));
        JsonNode json = JSON.readTree(answer);
        assertThat(json.get("columns").toString())
                .isEqualTo("[{\"name\":\"stage_name\",\"type\":\"VARCHAR\"},{\"name\":\"deals\",\"type\":\"BIGINT\"},"
                        + "{\"name\":\"tcv\",\"type\":\"DOUBLE\"}]");
        assertThat(json.get("rows").toString()).isEqualTo("[[\"Discover\",15,225000.0],[\"Negotiate\",15,210000.0]]");
        assertThat(json.get("truncated").asBoolean()).isFalse();
        assertThat(observer.facts)
                .containsEntry(
                        "sql",
                        "select stage_name, count(*) as deals, sum(amount) as tcv from opportunity_d"
                                + " group by 1 order by 1")
                .containsEntry("rows", 2)
                .containsEntry("truncated", false)
                .containsKey("duration_ms");
    }

    @Test
    void runSqlFlagsTruncationToTheModel() throws Exception {
        var observer = new RecordingObserver();
        JsonNode json =
                JSON.readTree(ToolObserver.runWith(observer, () -> tools.runSql("select * from opportunity_d")));
        assertThat(json.get("rows")).hasSize(10);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("note").asText()).contains("first 10 rows");
        assertThat(observer.facts).containsEntry("truncated", true).containsEntry("rows", 10);
        assertThat(json.get("rows").get(0).get(3).asText()).isEqualTo("2026-01-01");
    }

    @Test
    void refusedAndFailingSqlComeBackAsMessagesToTheModel() {
        assertThatThrownBy(() -> tools.runSql("delete from lead_d"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("DELETE");
        assertThatThrownBy(() -> tools.runSql("select no_such_column from lead_d"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("no_such_column");
    }

    @Test
    void listTablesAddsTheKnowledgeBaseSummary() throws Exception {
        JsonNode json = JSON.readTree(tools.listTables());
        assertThat(json.get("tables").toString())
                .isEqualTo("[{\"name\":\"lead_d\"},{\"name\":\"opportunity_d\",\"description\":\"One row per Salesforce"
                        + " opportunity (deal), open or closed.\"}]");
    }

    @Test
    void describeTableMergesWarehouseTypesWithDocumentedMeanings() throws Exception {
        JsonNode json = JSON.readTree(tools.describeTable("OPPORTUNITY_D"));
        assertThat(json.get("table").asText()).isEqualTo("opportunity_d");
        assertThat(json.get("columns").toString())
                .isEqualTo("[{\"name\":\"opportunity_id\",\"type\":\"VARCHAR\",\"description\":\"Salesforce opportunity"
                        + " id\"},{\"name\":\"stage_name\",\"type\":\"VARCHAR\",\"description\":\"Current sales stage;"
                        + " see the stage model\"},{\"name\":\"amount\",\"type\":\"DOUBLE\",\"description\":\"Total"
                        + " contract value (TCV) in USD\"},{\"name\":\"close_date\",\"type\":\"DATE\"}]");
        assertThat(JSON.readTree(tools.describeTable("lead_d")).has("description"))
                .isFalse();
    }

    @Test
    void unknownTablesAreNamedWithTheOnesThatExist() {
        assertThatThrownBy(() -> tools.describeTable("deals; drop table lead_d"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("lead_d, opportunity_d");
        assertThatThrownBy(() -> tools.sampleRows("nope", 3)).isInstanceOf(ToolException.class);
    }

    @Test
    void sampleRowsReturnsAtMostTwentyRows() throws Exception {
        assertThat(JSON.readTree(tools.sampleRows("opportunity_d", 3)).get("rows"))
                .hasSize(3);
        assertThat(JSON.readTree(tools.sampleRows("opportunity_d", 500)).get("rows"))
                .hasSize(20);
        assertThat(JSON.readTree(tools.sampleRows("lead_d", null)).get("rows")).hasSize(1);
    }

    @Test
    void theModelSeesTheContractToolNamesAndNamedParameters() {
        var specs = ToolSpecifications.toolSpecificationsFrom(WarehouseTools.class);
        assertThat(specs)
                .extracting(ToolSpecification::name)
                .containsExactlyInAnyOrder("run_sql", "list_tables", "describe_table", "sample_rows");
        var sample = specs.stream()
                .filter(s -> s.name().equals("sample_rows"))
                .findFirst()
                .orElseThrow();
        assertThat(sample.parameters().properties()).containsOnlyKeys("table", "rows");
        assertThat(sample.parameters().required()).containsExactly("table");
    }
}
