package io.revbot.tools.warehouse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;

/**
 * Parses SQL with JSqlParser under a deadline that really stops the work. JSqlParser's backtracking is exponential
 * in the nesting of some expressions; interrupting its thread does nothing, but the generated parser checks its
 * public {@code interrupted} flag in its lookaheads, so on timeout the flag is raised and the thread ends within
 * moments instead of keeping a core busy. Each parse runs on its own daemon thread (never keeps the JVM alive).
 *
 * <p>As JSqlParser's own utility does, the fast mode (complex parsing off) is tried first and the complex mode only
 * when that fails and the statement is nested at most {@link #COMPLEX_PARSING_MAX_DEPTH} levels deep.
 */
final class DeadlineSqlParser {
    static final int COMPLEX_PARSING_MAX_DEPTH = 10;
    static final String THREAD_NAME = "sql-guard-parser";
    private static final System.Logger LOG = System.getLogger(DeadlineSqlParser.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(1);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration deadline;

    DeadlineSqlParser(Duration deadline) {
        this.deadline = deadline;
    }

    /**
     * @param nestingDepth the deepest nesting of brackets in {@code sql}, from the guard's lexer
     * @throws SqlRefusedException when the statement does not parse or parsing outlives the deadline
     */
    Statements parse(String sql, int nestingDepth) {
        Attempt attempt = new Attempt(sql, nestingDepth <= COMPLEX_PARSING_MAX_DEPTH);
        Thread thread = Thread.ofPlatform()
                .daemon()
                .name(THREAD_NAME + "-" + THREADS.incrementAndGet())
                .start(attempt::run);
        try {
            return attempt.result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.stop();
            awaitEnd(thread);
            throw new SqlRefusedException("the statement is too complex to check (parsing took longer than "
                    + deadline.toMillis() + " ms); simplify it");
        } catch (ExecutionException e) {
            throw new SqlRefusedException(
                    "the statement could not be parsed as a read-only query" + firstLine(e.getCause()));
        } catch (InterruptedException e) {
            attempt.stop();
            Thread.currentThread().interrupt();
            throw new SqlRefusedException("interrupted while checking the statement");
        }
    }

    private static void awaitEnd(Thread thread) {
        try {
            if (!thread.join(STOP_WAIT)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the SQL parser thread " + thread.getName() + " did not stop within " + STOP_WAIT.toMillis()
                                + " ms of its deadline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(Throwable cause) {
        String reason = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        String line = reason.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? "" : " (" + line + ")";
    }

    /** One parse, fast mode then complex mode, stoppable from the guard's thread. */
    private static final class Attempt {
        final CompletableFuture<Statements> result = new CompletableFuture<>();
        private final String sql;
        private final boolean complexAllowed;
        private volatile CCJSqlParser current;
        private volatile boolean stopped;

        Attempt(String sql, boolean complexAllowed) {
            this.sql = sql;
            this.complexAllowed = complexAllowed;
        }

        void run() {
            try {
                result.complete(parse(false));
            } catch (Exception | StackOverflowError fast) {
                if (!complexAllowed || stopped) {
                    result.completeExceptionally(fast);
                    return;
                }
                try {
                    result.complete(parse(true));
                } catch (Exception | StackOverflowError complex) {
                    result.completeExceptionally(complex);
                }
            }
        }

        private Statements parse(boolean complex) throws Exception {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
            current = parser;
            if (stopped) {
                parser.interrupted = true;
            }
            return parser.Statements();
        }

        void stop() {
            stopped = true;
            CCJSqlParser parser = current;
            if (parser != null) {
                parser.interrupted = true;
            }
        }
    }
}
