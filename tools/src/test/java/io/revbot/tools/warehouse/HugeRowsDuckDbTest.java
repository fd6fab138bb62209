package io.revbot.tools.warehouse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 500 rows of 3 MB values through {@code run_sql} on DuckDB, in a JVM with a 512 MB heap. */
class HugeRowsDuckDbTest {
    @TempDir
    Path dir;

    @Test
    void runSqlOverHugeRowsStaysUnderItsCapsItsTimeoutAndASmallHeap() throws Exception {
        HugeRowsSmallHeap.assertBounded(
                HugeRowsSmallHeap.run("duckdb", dir.toString(), "SELECT repeat('x', 3000000) AS v FROM range(500)"));
    }
}
