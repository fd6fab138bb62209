package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.demo.PlantedStories;
import io.revbot.tools.time.FiscalCalendar;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import io.revbot.tools.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every analysis runs on the production demo adapter, opened read-only with external access off and its
 * configuration locked, and answers exactly as on a plain in-memory DuckDB of the same data.
 */
class HardenedWarehouseAnalyticsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 16);
    static final Clock CLOCK = Clock.fixed(AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TempDir
    static Path home;

    static DuckDbWarehouse hardened;
    static SchemaDatabase plain;
    static final List<String> statements = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void open() {
        hardened = new DuckDbWarehouse(DuckDbWarehouse.demoFile(home), CLOCK);
        plain = SchemaDatabase.demo(AS_OF);
    }

    @AfterAll
    static void close() {
        hardened.close();
        plain.close();
    }

    /** Each analysis the tools and commands offer, as a function of the analytics it runs on. */
    static Map<String, Function<RevenueAnalytics, Object>> analyses() {
        Map<String, Function<RevenueAnalytics, Object>> all = new LinkedHashMap<>();
        all.put("deal review", a -> a.deals().review(PlantedStories.DISCOVERY_ONLY_OPPORTUNITY));
        all.put("competitive deal review", a -> a.deals().review(PlantedStories.COMPETITIVE_OPPORTUNITY));
        all.put("lead", a -> a.leads().assess(PlantedStories.IDEAL_LEAD, PlantedStories.IDEAL_LEAD_COMPANY, null));
        all.put("new leads", a -> a.leads().assessNewSince(AS_OF.minusDays(30)));
        all.put("churn", a -> a.churn().score(null, 10));
        all.put("churn of one account", a -> a.churn().score(PlantedStories.STOPPED_ACCOUNT, 10));
        all.put("pipeline", a -> a.pipeline().forecast("2026-Q1", null));
        for (PipelineForecaster.Dimension d : PipelineForecaster.Dimension.values()) {
            all.put("pipeline by " + d, a -> a.pipeline().forecast("2026-Q1", d));
        }
        all.put("competitors", a -> a.competitors().mentions(PlantedStories.COMPETITIVE_ACCOUNT, null));
        all.put("expansion", a -> a.expansion().find());
        return all;
    }

    @Test
    void everyAnalysisRunsOnTheLockedDemoWarehouseWithTheSameAnswers() {
        RevenueAnalytics onHardened =
                new RevenueAnalytics(recording(hardened), CLOCK, FiscalCalendar.calendarQuarters(), 2_000_000.0);
        RevenueAnalytics onPlain = new RevenueAnalytics(plain, CLOCK, FiscalCalendar.calendarQuarters(), 2_000_000.0);
        analyses().forEach((name, analysis) -> {
            Object expected = analysis.apply(onPlain);
            Object actual = analysis.apply(onHardened);
            if (actual instanceof Outcome<?> outcome) {
                assertThat(outcome).as(name + ": " + outcome.message()).isInstanceOf(Outcome.Found.class);
            }
            assertThat(AnalyticsJson.pretty(actual)).as(name).isEqualTo(AnalyticsJson.pretty(expected));
        });
        assertThat(statements).as("distinct analytics statements run").hasSizeGreaterThan(15);
    }

    /** The hardened warehouse, noting each distinct statement it runs. */
    private static Warehouse recording(Warehouse warehouse) {
        return new Warehouse() {
            @Override
            public String describe() {
                return warehouse.describe();
            }

            @Override
            public QueryResult query(String sql, List<?> parameters, Limits limits) {
                if (!statements.contains(sql)) {
                    statements.add(sql);
                }
                return warehouse.query(sql, parameters, limits);
            }

            @Override
            public void close() {}
        };
    }
}
