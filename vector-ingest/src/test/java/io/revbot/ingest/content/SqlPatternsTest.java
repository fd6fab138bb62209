package io.revbot.ingest.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import io.revbot.tools.warehouse.SqlDialect;
import io.revbot.tools.warehouse.SqlGuard;
import io.revbot.tools.warehouse.WarehouseTableCatalog;
import io.revbot.tools.warehouse.WarehouseTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.parser.Parser;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```sql} block in {@code knowledge_base/sql_patterns/} runs on the demo warehouse and returns rows, both
 * on a plain connection and the way the model's SQL runs: through the SQL guard's allow-list and {@code run_sql} on
 * the locked demo warehouse.
 */
class SqlPatternsTest {
    private static Connection warehouse;

    @TempDir
    static Path home;

    private static DuckDbWarehouse hardened;
    private static WarehouseTools tools;

    record SqlBlock(String document, int index, String sql) {}

    /** The demo data set as of today: the patterns use CURRENT_DATE, and the demo's dates are relative to as-of. */
    @BeforeAll
    static void openWarehouse() throws SQLException {
        warehouse = DriverManager.getConnection("jdbc:duckdb:");
        new DemoDataGenerator(1, LocalDate.now(ZoneOffset.UTC)).generate(warehouse.unwrap(DuckDBConnection.class));
    }

    @AfterAll
    static void closeWarehouse() throws SQLException {
        warehouse.close();
        if (hardened != null) {
            hardened.close();
        }
    }

    private static synchronized WarehouseTools tools() {
        if (tools == null) {
            hardened = new DuckDbWarehouse(DuckDbWarehouse.demoFile(home), Clock.systemUTC());
            SqlGuard guard = new SqlGuard(SqlDialect.DUCKDB, new WarehouseTableCatalog(hardened, Clock.systemUTC()));
            tools = new WarehouseTools(hardened, guard, KnowledgeBaseDir.get(), 500, Duration.ofSeconds(60));
        }
        return tools;
    }

    static List<SqlBlock> sqlBlocks() throws Exception {
        Path dir = KnowledgeBaseDir.get().resolve("sql_patterns");
        List<SqlBlock> blocks = new ArrayList<>();
        Parser parser = Parser.builder().build();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                parser.parse(Files.readString(file)).accept(new AbstractVisitor() {
                    @Override
                    public void visit(FencedCodeBlock block) {
                        if ("sql".equals(block.getInfo().strip())) {
                            blocks.add(new SqlBlock(file.getFileName().toString(), blocks.size(), block.getLiteral()));
                        }
                    }
                });
            }
        }
        return blocks;
    }

    @Test
    void theConsumptionTrendPatternFindsThePlantedUsageCliffs() throws Exception {
        SqlBlock trend = sqlBlocks().stream()
                .filter(b -> b.sql().contains("trend_ratio"))
                .findFirst()
                .orElseThrow();
        List<String> lowest = new ArrayList<>();
        try (Statement s = warehouse.createStatement();
                ResultSet rs = s.executeQuery(trend.sql())) {
            while (rs.next() && lowest.size() < 5) {
                lowest.add(rs.getString("sf_account_name"));
            }
        }
        assertThat(lowest).contains("Northwind Logistics", "Helix Biotech", "Quanta Retail");
    }

    @Test
    void theConversionPatternListsThePlgCustomersReadyToConvert() throws Exception {
        SqlBlock conversion = sqlBlocks().stream()
                .filter(b -> b.sql().contains("lowest_mrr_last_2_months"))
                .findFirst()
                .orElseThrow();
        List<String> names = new ArrayList<>();
        try (Statement s = warehouse.createStatement();
                ResultSet rs = s.executeQuery(conversion.sql())) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        assertThat(names).contains("Lumen Labs", "Brightpath AI", "Cobalt Data");
    }

    @Test
    void thePatternsCoverTheQuestionsPeopleAsk() throws Exception {
        List<SqlBlock> blocks = sqlBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(15);
        assertThat(blocks)
                .extracting(SqlBlock::document)
                .contains(
                        "pipeline_by_region_and_stage.md",
                        "weighted_pipeline.md",
                        "customer_calls.md",
                        "lead_trends.md",
                        "temporal_normalisation.md",
                        "customer_segmentation.md",
                        "consumption_trends.md");
    }

    @TestFactory
    Stream<DynamicTest> every_sql_block_runs_against_the_warehouse() throws Exception {
        return sqlBlocks().stream()
                .map(block -> DynamicTest.dynamicTest(block.document() + " #" + block.index(), () -> {
                    try (Statement s = warehouse.createStatement();
                            ResultSet rs = s.executeQuery(block.sql())) {
                        assertThat(rs.getMetaData().getColumnCount()).isPositive();
                        int rows = 0;
                        while (rs.next()) {
                            rows++;
                        }
                        assertThat(rows)
                                .as(block.document() + " #" + block.index() + " returns rows on the demo data")
                                .isPositive();
                    } catch (SQLException e) {
                        fail(block.document() + " block #" + block.index() + " fails: " + e.getMessage() + "\n"
                                + block.sql());
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_sql_block_passes_the_guard_and_runs_through_run_sql() throws Exception {
        return sqlBlocks().stream()
                .map(block -> DynamicTest.dynamicTest(block.document() + " #" + block.index(), () -> {
                    JsonNode result = new ObjectMapper().readTree(tools().runSql(block.sql()));
                    assertThat(result.get("row_count").asInt())
                            .as(block.document() + " #" + block.index() + " returns rows through run_sql")
                            .isPositive();
                }));
    }
}
