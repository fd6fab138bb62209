package io.revbot.tools.warehouse;

import io.revbot.tools.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** 500 rows of 3 MB values through {@code run_sql} on PostgreSQL, in a JVM with a 512 MB heap. */
class HugeRowsPostgresIT {
    @Test
    void runSqlOverHugeRowsStaysUnderItsCapsItsTimeoutAndASmallHeap() throws Exception {
        String url = TestDatabases.postgresUrl();
        HugeRowsSmallHeap.assertBounded(
                HugeRowsSmallHeap.run("jdbc", url, "SELECT repeat('x', 3000000) AS v FROM generate_series(1, 500)"));
    }
}
