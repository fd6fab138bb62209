package io.revbot.bench.data;

import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.demo.DemoTableStats;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the demo data at two scales (default 1 and 10), reports rows per second (wall clock and CPU, since
 * benchmark machines are often shared), then runs representative analytic queries on each and prints their median
 * latency and the growth ratio between the scales.
 *
 * <p>Run: {@code bench/data-benchmark.sh [SCALE...]} (builds the fat jar, then runs this class on it).
 */
public final class DemoDataBenchmark {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 16);
    static final int WARMUP = 5;
    static final int RUNS = 11;

    /** The questions the analyses ask most, in the warehouse's own SQL. */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("pipeline by stage and region", """
                SELECT a.account_region, o.stage_name, count(*) AS deals, sum(o.amount) AS tcv
                FROM opportunity_d o JOIN salesforce_account_d a USING (sf_account_id)
                WHERE o.stage_name NOT IN ('Closed Won', 'Closed Lost')
                GROUP BY ALL ORDER BY 1, 2""");
        QUERIES.put("weighted pipeline by quarter", """
                SELECT date_trunc('quarter', close_date) AS quarter,
                       sum(amount / contract_duration_months * 12 * probability / 100.0) AS weighted_acv
                FROM opportunity_d
                WHERE stage_name NOT IN ('Closed Won', 'Closed Lost') AND close_date >= DATE '2026-01-01'
                GROUP BY 1 ORDER BY 1""");
        QUERIES.put("30 vs 90-day consumption per account", """
                SELECT a.sf_account_name,
                       sum(c.total_cost_usd) FILTER (WHERE c.consumption_date >= DATE '2026-03-16' - 30) AS last_30,
                       sum(c.total_cost_usd) FILTER (WHERE c.consumption_date >= DATE '2026-03-16' - 90) / 3 AS avg_30_of_90
                FROM consumption_daily_d c JOIN salesforce_account_d a USING (sf_account_id)
                WHERE a.sf_account_type_custom = 'Commit Customer'
                GROUP BY 1 ORDER BY last_30 / nullif(avg_30_of_90, 0) LIMIT 20""");
        QUERIES.put("competitor mentions in calls", """
                SELECT competitor, count(DISTINCT g.gong_call_id) AS calls
                FROM gong_call_f g
                JOIN transcript t USING (gong_call_id)
                CROSS JOIN (VALUES ('Snowflake'), ('Redshift'), ('BigQuery'), ('ClickHouse'), ('Databricks')) AS c(competitor)
                WHERE t.text ILIKE '%' || competitor || '%'
                  AND g.gong_call_start_ts >= DATE '2026-03-16' - INTERVAL 90 DAY
                GROUP BY 1 ORDER BY 2 DESC""");
        QUERIES.put("deal review: one opportunity with calls", """
                SELECT o.opportunity_name, o.stage_name, count(g.gong_call_id) AS calls,
                       string_agg(g.gong_call_key_points, ' | ') AS key_points
                FROM opportunity_d o LEFT JOIN gong_call_f g ON g.gong_related_opportunity = o.opportunity_id
                WHERE o.opportunity_name ILIKE 'Vertex Analytics%'
                GROUP BY 1, 2""");
    }

    private DemoDataBenchmark() {}

    record Generation(int scale, long rows, double seconds, double cpuSeconds, Map<String, Double> medianMillis) {}

    public static void main(String[] args) throws IOException {
        int[] scales = args.length == 0
                ? new int[] {1, 10}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Path dir = Files.createTempDirectory("revbot-bench-");
        List<Generation> results = new ArrayList<>();
        try {
            for (int scale : scales) {
                results.add(run(dir, scale));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        print(results);
    }

    private static Generation run(Path dir, int scale) {
        Path file = dir.resolve("demo-" + scale + ".duckdb");
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        new DemoDataGenerator(scale, AS_OF).writeDatabase(file);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        long rows =
                DemoTableStats.of(file).stream().mapToLong(DemoTableStats::rows).sum();
        System.out.printf(Locale.ROOT, "scale %d: %,d rows in %.1f s (%.1f s CPU)%n", scale, rows, seconds, cpuSeconds);
        Map<String, Double> medians = new LinkedHashMap<>();
        try (var warehouse = new DuckDbWarehouse(file, Clock.systemUTC())) {
            for (var query : QUERIES.entrySet()) {
                double[] millis = new double[RUNS];
                for (int i = 0; i < WARMUP + RUNS; i++) {
                    long t = System.nanoTime();
                    warehouse.query(query.getValue(), 10_000, Duration.ofMinutes(5));
                    if (i >= WARMUP) {
                        millis[i - WARMUP] = (System.nanoTime() - t) / 1e6;
                    }
                }
                Arrays.sort(millis);
                medians.put(query.getKey(), millis[RUNS / 2]);
            }
        }
        return new Generation(scale, rows, seconds, cpuSeconds, medians);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void print(List<Generation> results) {
        System.out.println();
        System.out.println("Demo data generation");
        System.out.printf(
                Locale.ROOT, "%-8s %12s %10s %14s %14s%n", "scale", "rows", "seconds", "rows/s", "rows/CPU-s");
        for (Generation g : results) {
            System.out.printf(
                    Locale.ROOT,
                    "%-8d %,12d %10.1f %,14.0f %,14.0f%n",
                    g.scale(),
                    g.rows(),
                    g.seconds(),
                    g.rows() / g.seconds(),
                    g.rows() / g.cpuSeconds());
        }
        System.out.println();
        System.out.println("Median query latency (ms, " + RUNS + " runs after " + WARMUP + " warm-up)");
        StringBuilder header = new StringBuilder("%-42s".formatted("query"));
        for (Generation g : results) {
            header.append("%12s".formatted("scale " + g.scale()));
        }
        if (results.size() > 1) {
            header.append("%10s".formatted("ratio"));
        }
        System.out.println(header);
        for (String query : QUERIES.keySet()) {
            StringBuilder line = new StringBuilder("%-42s".formatted(query));
            for (Generation g : results) {
                line.append(
                        String.format(Locale.ROOT, "%12.1f", g.medianMillis().get(query)));
            }
            if (results.size() > 1) {
                double first = results.get(0).medianMillis().get(query);
                double last = results.get(results.size() - 1).medianMillis().get(query);
                line.append(String.format(Locale.ROOT, "%9.1fx", last / first));
            }
            System.out.println(line);
        }
        if (results.size() > 1) {
            Generation first = results.get(0);
            Generation last = results.get(results.size() - 1);
            System.out.printf(
                    Locale.ROOT,
                    "data grew %.1fx from scale %d to %d%n",
                    (double) last.rows() / first.rows(),
                    first.scale(),
                    last.scale());
        }
    }
}
