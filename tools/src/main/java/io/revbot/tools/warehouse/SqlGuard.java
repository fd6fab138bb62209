package io.revbot.tools.warehouse;

import io.revbot.tools.warehouse.SqlTokens.Kind;
import io.revbot.tools.warehouse.SqlTokens.Token;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;

/**
 * Keeps model-written SQL to analytics: a statement passes only when everything in it is on an allow-list. In
 * order:
 *
 * <ol>
 *   <li>the lexer reads it unambiguously: no comments, no {@code E'…'} or dollar-quoted strings, no control
 *       characters, at most one trailing semicolon, brackets nested at most {@value #MAX_NESTING} deep;
 *   <li>no word outside string literals names a write or session command ({@code INSERT}, {@code COPY},
 *       {@code SET}, …): a second wall against parsers that read a statement differently from the database;
 *   <li>JSqlParser parses it, under a deadline that stops the parser ({@link DeadlineSqlParser}), as exactly one
 *       {@code SELECT} / {@code WITH … SELECT} / {@code EXPLAIN SELECT}, or {@code SHOW TABLES} /
 *       {@code DESCRIBE <table>} where the dialect has them;
 *   <li>every node of the tree is of a kind listed in {@link SqlAllowedNodes}, every function, table function and
 *       cast type is listed for the {@link SqlDialect}, and every table is a CTE in scope or one of the warehouse's
 *       own tables ({@link TableCatalog}).
 * </ol>
 *
 * Whatever is refused is named in the message. The warehouses add their own walls (DuckDB opens read-only with
 * external access disabled and its configuration locked; PostgreSQL sessions are read-only with a statement
 * timeout and are reset when returned to the pool), so one mistake here is not enough to write or to leak.
 */
public final class SqlGuard {
    static final int MAX_LENGTH = 20_000;
    static final int MAX_NESTING = 32;
    static final Duration PARSE_DEADLINE = Duration.ofSeconds(3);

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

    private final SqlDialect dialect;
    private final TableCatalog catalog;
    private final DeadlineSqlParser parser;

    /**
     * @param dialect the warehouse's dialect: which functions and statements exist and are allowed
     * @param catalog the warehouse's own tables, the only ones a query may read
     */
    public SqlGuard(SqlDialect dialect, TableCatalog catalog) {
        this(dialect, catalog, PARSE_DEADLINE);
    }

    SqlGuard(SqlDialect dialect, TableCatalog catalog, Duration parseDeadline) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.parser = new DeadlineSqlParser(parseDeadline);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Checks {@code sql} and returns it without a trailing semicolon, ready to run.
     *
     * @throws SqlRefusedException saying why, when the statement is not a single query made of allowed parts
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
        int depth = nesting(tokens);
        if (depth > MAX_NESTING) {
            throw new SqlRefusedException(
                    "brackets are nested " + depth + " levels deep; at most " + MAX_NESTING + " are allowed");
        }
        Statements statements = parser.parse(statement, depth);
        if (statements == null || statements.size() != 1) {
            throw new SqlRefusedException("exactly one statement is allowed");
        }
        checkStatement(statements.get(0));
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
        }
    }

    /** The deepest nesting of ( and [ brackets. */
    private static int nesting(List<Token> tokens) {
        int depth = 0;
        int deepest = 0;
        for (Token token : tokens) {
            if (token.kind() == Kind.SYMBOL) {
                switch (token.text()) {
                    case "(", "[", "{" -> deepest = Math.max(deepest, ++depth);
                    case ")", "]", "}" -> depth--;
                    default -> {}
                }
            }
        }
        return deepest;
    }

    private void checkStatement(Statement statement) {
        QueryWalker walker = new QueryWalker(dialect, catalog);
        switch (statement) {
            case Select select -> walker.check(select);
            case ExplainStatement explain -> {
                if (explain.getStatement() == null || explain.getTable() != null) {
                    throw new SqlRefusedException("EXPLAIN is allowed only for a SELECT");
                }
                if (explain.getOptions() != null && !explain.getOptions().isEmpty()) {
                    throw new SqlRefusedException("EXPLAIN options (ANALYZE, VERBOSE, …) are not allowed");
                }
                walker.check(explain.getStatement());
            }
            case DescribeStatement describe
            when dialect.showAndDescribe() -> {
                String type = describe.getDescribeType();
                if (type != null && !type.equalsIgnoreCase("DESCRIBE") && !type.equalsIgnoreCase("DESC")
                        || describe.getTable() == null) {
                    throw new SqlRefusedException("only DESCRIBE <table> is allowed");
                }
                walker.checkTable(describe.getTable());
            }
            case ShowTablesStatement show
            when dialect.showAndDescribe() -> {
                if (!show.toString().strip().equalsIgnoreCase("SHOW TABLES")) {
                    throw new SqlRefusedException("only a plain SHOW TABLES is allowed");
                }
            }
            default ->
                throw new SqlRefusedException("only SELECT, WITH … SELECT and EXPLAIN SELECT"
                        + (dialect.showAndDescribe() ? ", SHOW TABLES and DESCRIBE <table>" : "")
                        + " are allowed on " + dialect.displayName() + ", not " + statementName(statement));
        }
    }

    /** {@code ShowTablesStatement} → {@code SHOW TABLES}, {@code CreateTable} → {@code CREATE TABLE}. */
    private static String statementName(Statement statement) {
        String simple = statement.getClass().getSimpleName().replace("Statement", "");
        return simple.replaceAll("(?<=[a-z])(?=[A-Z])", " ").toUpperCase(Locale.ROOT);
    }
}
