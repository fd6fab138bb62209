package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The guard's parse deadline stops the work, measured on the parser thread's own CPU clock. */
class SqlParserDeadlineTest {
    /** Scalar subqueries nested 16 deep: JSqlParser backtracks for many seconds (the nesting cap is 32). */
    static final String PATHOLOGICAL = "SELECT " + "(SELECT ".repeat(16) + "1" + ")".repeat(16);

    @Test
    void aPathologicalExpressionIsRefusedAndTheParserThreadStopsUsingCpuWithinASecond() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadCpuTimeSupported(), "thread CPU time is not measurable here");
        threads.setThreadCpuTimeEnabled(true);
        SqlGuard guard = new SqlGuard(SqlDialect.DUCKDB, SqlGuardTest.DEMO_TABLES, Duration.ofMillis(1500));

        CompletableFuture<Throwable> refusal = CompletableFuture.supplyAsync(() -> {
            try {
                guard.check(PATHOLOGICAL);
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread parser = awaitParserThread();
        long firstSample = threads.getThreadCpuTime(parser.threadId());
        long cpuWhileParsing = firstSample;
        while (!refusal.isDone()) {
            cpuWhileParsing = Math.max(cpuWhileParsing, threads.getThreadCpuTime(parser.threadId()));
            Thread.sleep(20);
        }
        long refusedAt = System.nanoTime();
        assertThat(refusal.get()).isInstanceOf(SqlRefusedException.class).hasMessageContaining("too complex to check");
        assertThat(cpuWhileParsing - firstSample)
                .as("the parser was busy: its CPU time grew while the guard waited (shared cores run it slower)")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(50));

        parser.join(Duration.ofSeconds(1).minusNanos(System.nanoTime() - refusedAt));
        long after = threads.getThreadCpuTime(parser.threadId());
        Thread.sleep(300);
        long later = threads.getThreadCpuTime(parser.threadId());
        assertThat(parser.isAlive())
                .as("the parser thread ended within a second of the refusal")
                .isFalse();
        assertThat(later)
                .as("its CPU time no longer grows (-1: the thread is gone)")
                .isEqualTo(after);
    }

    @Test
    void anOrdinaryQueryParsesWellWithinTheDeadline() {
        SqlGuard guard = new SqlGuard(SqlDialect.DUCKDB, SqlGuardTest.DEMO_TABLES, Duration.ofMillis(1500));
        assertThat(guard.check("SELECT stage_name, count(*) FROM opportunity_d GROUP BY 1"))
                .isNotBlank();
        assertThatThrownBy(() -> guard.check("SELECT FROM WHERE")).hasMessageContaining("could not be parsed");
    }

    private static Thread awaitParserThread() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<Thread> found = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(DeadlineSqlParser.THREAD_NAME) && t.isAlive())
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no parser thread appeared");
    }
}
