package io.revbot.tools.warehouse;

import io.revbot.tools.warehouse.SqlTokens.Kind;
import io.revbot.tools.warehouse.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Keeps model-written SQL read-only. A statement passes only when all of these hold:
 *
 * <ol>
 *   <li>the lexer reads it unambiguously: no comments, no {@code E'…'} or dollar-quoted strings, no control
 *       characters, at most one trailing semicolon;
 *   <li>no word outside string literals names a write or session command ({@code INSERT}, {@code DELETE},
 *       {@code COPY}, {@code ATTACH}, {@code PRAGMA}, …) and no function that reads or writes files, reaches the
 *       network, changes settings or sleeps is called ({@code read_csv}, {@code pg_read_file}, {@code nextval}, …);
 *   <li>JSqlParser parses it as exactly one {@code SELECT} / {@code WITH … SELECT} / {@code SHOW} /
 *       {@code DESCRIBE} / {@code EXPLAIN SELECT} (whatever it cannot parse is refused);
 *   <li>walking the whole tree finds no data-modifying CTE, no {@code SELECT … INTO}, no {@code FOR UPDATE}, and
 *       only plain table names (no file paths that DuckDB would read as a table).
 * </ol>
 *
 * The warehouses add their own walls (DuckDB opens read-only with file access disabled; JDBC connections are
 * read-only), so one mistake here is not enough to write.
 */
public final class SqlGuard {
    static final int MAX_LENGTH = 20_000;
    private static final long PARSE_TIMEOUT_MILLIS = 5_000;

    /** Words that never appear in a read-only query (outside string literals and quoted identifiers). */
    private static final Set<String> FORBIDDEN_WORDS = Set.of(
            "INSERT",
            "UPDATE",
            "DELETE",
            "MERGE",
            "UPSERT",
            "TRUNCATE",
            "DROP",
            "ALTER",
            "CREATE",
            "GRANT",
            "REVOKE",
            "COPY",
            "ATTACH",
            "DETACH",
            "INSTALL",
            "LOAD",
            "PRAGMA",
            "EXPORT",
            "IMPORT",
            "VACUUM",
            "CHECKPOINT",
            "COMMIT",
            "ROLLBACK",
            "SAVEPOINT",
            "CALL",
            "EXEC",
            "EXECUTE",
            "PREPARE",
            "DEALLOCATE",
            "SET",
            "RESET",
            "LOCK",
            "OUTFILE",
            "DUMPFILE",
            "INTO");

    /** Functions that touch files, the network, settings, sequences, sessions or time (exact names). */
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of(
            "glob",
            "query",
            "query_table",
            "getenv",
            "sniff_csv",
            "parquet_scan",
            "load_extension",
            "nextval",
            "setval",
            "currval",
            "lastval",
            "set_config",
            "current_setting",
            "pg_sleep",
            "pg_sleep_for",
            "pg_sleep_until",
            "sleep",
            "benchmark",
            "dblink",
            "dblink_exec",
            "system",
            "shell",
            "copy",
            "which_secret",
            "duckdb_secrets",
            "duckdb_settings",
            "duckdb_extensions",
            "txid_current",
            "pg_notify",
            "pg_logical_emit_message",
            "csv_scan",
            "json_scan",
            "checkpoint",
            "force_checkpoint",
            "enable_profiling",
            "icu_collate_tz",
            "external_scan",
            "host",
            "http_get",
            "http_post");

    /** Prefixes of function families that read or write outside the database or administer it. */
    private static final List<String> FORBIDDEN_FUNCTION_PREFIXES = List.of(
            "read_",
            "write_",
            "pg_read",
            "pg_ls_",
            "pg_stat_file",
            "pg_file",
            "pg_terminate",
            "pg_cancel",
            "pg_reload",
            "pg_rotate",
            "pg_advisory",
            "pg_try_advisory",
            "pg_promote",
            "pg_switch",
            "pg_create",
            "pg_drop",
            "pg_replication",
            "lo_",
            "dblink_",
            "sqlite_",
            "postgres_",
            "mysql_",
            "iceberg_",
            "delta_",
            "parquet_",
            "excel_",
            "st_read",
            "http_",
            "s3_",
            "azure_",
            "gcs_",
            "file_",
            "fts_",
            "duckdb_secret",
            "ducklake_",
            "mongo_");

    private static final ExecutorService PARSER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sql-guard-parser");
        t.setDaemon(true);
        return t;
    });

    /**
     * Checks {@code sql} and returns it without a trailing semicolon, ready to run.
     *
     * @throws SqlRefusedException saying why, when the statement is not a single read-only query
     */
    public String check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SqlRefusedException("the statement is empty");
        }
        if (sql.length() > MAX_LENGTH) {
            throw new SqlRefusedException("the statement is longer than " + MAX_LENGTH + " characters");
        }
        List<Token> tokens = SqlTokens.of(sql);
        String statement = withoutTrailingSemicolon(sql, tokens);
        checkWords(tokens);
        checkTree(parse(statement));
        return statement;
    }

    private static String withoutTrailingSemicolon(String sql, List<Token> tokens) {
        int semicolons = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.SYMBOL && tokens.get(i).text().equals(";")) {
                semicolons++;
                if (i != tokens.size() - 1) {
                    throw new SqlRefusedException("only one statement is allowed (found a ';' before the end)");
                }
            }
        }
        if (tokens.isEmpty() || semicolons == tokens.size()) {
            throw new SqlRefusedException("the statement is empty");
        }
        String trimmed = sql.strip();
        return semicolons == 1 ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    }

    private static void checkWords(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.kind() != Kind.WORD
                && !(first.kind() == Kind.SYMBOL && first.text().equals("("))) {
            throw new SqlRefusedException("a query starts with SELECT, WITH, SHOW, DESCRIBE or EXPLAIN");
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean call = i + 1 < tokens.size()
                    && tokens.get(i + 1).text().equals("(")
                    && tokens.get(i + 1).kind() == Kind.SYMBOL;
            if (token.kind() == Kind.WORD
                    && FORBIDDEN_WORDS.contains(token.upper())
                    && !(call && token.upper().equals("INSERT"))) {
                throw new SqlRefusedException(token.upper() + " is not allowed: only read-only queries can run");
            }
            if (call && (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_IDENTIFIER)) {
                checkFunction(token.text());
            }
        }
    }

    private static void checkFunction(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (FORBIDDEN_FUNCTIONS.contains(lower)) {
            throw new SqlRefusedException("the function " + lower + "() is not allowed here");
        }
        for (String prefix : FORBIDDEN_FUNCTION_PREFIXES) {
            if (lower.startsWith(prefix)) {
                throw new SqlRefusedException("the function " + lower + "() is not allowed here");
            }
        }
    }

    /** Parses on a daemon thread with a deadline: JSqlParser can take very long on pathological input. */
    private static Statement parse(String sql) {
        Future<Statements> parsed =
                PARSER.submit(() -> CCJSqlParserUtil.newParser(sql).Statements());
        try {
            Statements statements = parsed.get(PARSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (statements == null || statements.size() != 1) {
                throw new SqlRefusedException("exactly one statement is allowed");
            }
            return statements.get(0);
        } catch (TimeoutException e) {
            parsed.cancel(true);
            throw new SqlRefusedException("the statement is too complex to check");
        } catch (ExecutionException e) {
            String reason = e.getCause() == null ? "" : e.getCause().getMessage();
            String firstLine = reason == null ? "" : reason.lines().findFirst().orElse("");
            throw new SqlRefusedException("the statement could not be parsed as a read-only query"
                    + (firstLine.isBlank() ? "" : " (" + firstLine.strip() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlRefusedException("interrupted while checking the statement");
        }
    }

    private static void checkTree(Statement statement) {
        Statement query = statement;
        if (statement instanceof ExplainStatement explain) {
            query = explain.getStatement();
            if (query == null) {
                throw new SqlRefusedException("EXPLAIN is allowed only for a SELECT");
            }
        }
        if (query instanceof ShowStatement
                || query instanceof ShowTablesStatement
                || query instanceof ShowColumnsStatement
                || query instanceof DescribeStatement) {
            return;
        }
        if (!(query instanceof Select select)) {
            throw new SqlRefusedException("only SELECT, WITH … SELECT, SHOW, DESCRIBE and EXPLAIN are allowed, not "
                    + query.getClass().getSimpleName().replace("Statement", "").toUpperCase(Locale.ROOT));
        }
        try {
            new ReadOnlyWalker().getTables((Statement) select);
        } catch (SqlRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            // the walker does not know this construct: refuse rather than guess
            throw new SqlRefusedException("the statement uses a construct the guard cannot check ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Visits every node of a SELECT, refusing what would write, lock, or read outside the database. */
    private static final class ReadOnlyWalker extends TablesNamesFinder<Void> {
        @Override
        public <S> Void visit(WithItem<?> withItem, S context) {
            if (!(withItem.getParenthesedStatement() instanceof ParenthesedSelect)) {
                throw new SqlRefusedException("a WITH clause may hold only SELECTs, not writes");
            }
            return super.visit(withItem, context);
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()
                    || select.getIntoTempTable() != null) {
                throw new SqlRefusedException("SELECT … INTO writes a table and is not allowed");
            }
            if (select.getForMode() != null || select.getForUpdateTable() != null) {
                throw new SqlRefusedException("SELECT … FOR UPDATE/SHARE takes locks and is not allowed");
            }
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(Function function, S context) {
            List<String> parts = function.getMultipartName();
            String name = parts == null || parts.isEmpty() ? function.getName() : parts.get(parts.size() - 1);
            if (name != null) {
                checkFunction(unquote(name));
            }
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(Table table, S context) {
            for (String part : table.getFullyQualifiedName().split("\\.")) {
                String name = unquote(part);
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (!Character.isLetterOrDigit(c) && c != '_') {
                        throw new SqlRefusedException("\"" + name + "\" is not a table name; only tables can be read");
                    }
                }
            }
            return super.visit(table, context);
        }

        private static String unquote(String name) {
            return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                    ? name.substring(1, name.length() - 1)
                    : name;
        }
    }
}
