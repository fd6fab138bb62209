package io.revbot.tools.warehouse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Runs model-written SQL over huge rows the way the server does, in a JVM of its own started with a small heap by
 * {@link HugeRowsSmallHeap}: {@code run_sql} (row cap, byte cap, cell cap) and the {@code sql} command's limits
 * (a larger cell cap, so the byte cap is what stops it). Prints what it measured, one {@code key=value} a line.
 *
 * <p>Arguments: {@code duckdb <dir>} or {@code jdbc <url>}, then the SQL, then the timeout in seconds.
 */
public final class HugeRowsProbe {
    private HugeRowsProbe() {}

    public static void main(String[] args) throws Exception {
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[3]));
        try (Warehouse warehouse = open(args[0], args[1])) {
            SqlGuard guard = new SqlGuard(
                    args[0].equals("duckdb") ? SqlDialect.DUCKDB : SqlDialect.forJdbcUrl(args[1]),
                    new WarehouseTableCatalog(warehouse, Clock.systemUTC()));
            var tools = new WarehouseTools(warehouse, guard, Path.of("no-knowledge-base"), 500, timeout);
            long started = System.nanoTime();
            String json = tools.runSql(args[2]);
            System.out.println("run_sql_chars=" + json.length());
            System.out.println("run_sql_ms=" + elapsedMillis(started));
            System.out.println("run_sql_truncated=" + json.contains("\"truncated\":true"));

            started = System.nanoTime();
            var limits = new Warehouse.Limits(500, WarehouseTools.DEFAULT_BYTE_LIMIT, 65_536, timeout);
            var result = warehouse.query(guard.check(args[2]), List.of(), limits);
            System.out.println("cli_rows=" + result.rows().size());
            System.out.println("cli_truncated_at_bytes=" + result.truncatedAtBytes());
            System.out.println("cli_ms=" + elapsedMillis(started));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peak_heap_mb=" + peak / (1024 * 1024));
        System.out.println("max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static Warehouse open(String kind, String location) throws Exception {
        if (kind.equals("jdbc")) {
            return new JdbcWarehouse(location);
        }
        Path file = Path.of(location).resolve("probe.duckdb");
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS lead_d (lead_id VARCHAR)");
        }
        return new DuckDbWarehouse(file, Clock.systemUTC());
    }

    private static long elapsedMillis(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
