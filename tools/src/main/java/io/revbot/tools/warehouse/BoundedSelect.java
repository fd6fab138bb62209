package io.revbot.tools.warehouse;

import io.revbot.tools.warehouse.Warehouse.Column;
import io.revbot.tools.warehouse.Warehouse.Limits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A query rewritten so that the database itself cuts every value of variable length: {@code SELECT c1,
 * left(CAST(c2 AS VARCHAR), n), … FROM (<query>) AS revbot_bounded(c1, c2, …) LIMIT rows + 1}. Without it a
 * DuckDB chunk of 500 values of 3 MB each would be turned into Java strings at once, whatever the reader does
 * next. The columns (names and type names) are the original query's, read from its prepared metadata without
 * running it. Only for DuckDB and PostgreSQL, whose {@code left}, {@code CAST … AS VARCHAR} and column alias lists
 * behave the same; only for queries (a {@code SELECT}, {@code WITH} or {@code VALUES} statement).
 */
record BoundedSelect(String sql, List<Column> columns) {
    private static final Set<SqlDialect> DIALECTS = Set.of(SqlDialect.DUCKDB, SqlDialect.POSTGRESQL);
    private static final Set<Integer> FIXED_SIZE = Set.of(
            Types.BIT,
            Types.BOOLEAN,
            Types.TINYINT,
            Types.SMALLINT,
            Types.INTEGER,
            Types.BIGINT,
            Types.REAL,
            Types.FLOAT,
            Types.DOUBLE,
            Types.NUMERIC,
            Types.DECIMAL,
            Types.DATE,
            Types.TIME,
            Types.TIME_WITH_TIMEZONE,
            Types.TIMESTAMP,
            Types.TIMESTAMP_WITH_TIMEZONE);

    /**
     * The bounded form of {@code sql}, or empty when the dialect or statement does not allow one (the reader's own
     * byte cap then still applies).
     *
     * @throws SQLException when the database cannot prepare {@code sql}: that is the query's own error (on PostgreSQL
     *     it also ends the transaction, so running the statement afterwards would only say so)
     */
    static Optional<BoundedSelect> of(SqlDialect dialect, Connection connection, String sql, Limits limits)
            throws SQLException {
        if (!DIALECTS.contains(dialect) || !limits.boundsCells() || !isQuery(sql)) {
            return Optional.empty();
        }
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            ResultSetMetaData meta = prepared.getMetaData();
            return meta == null ? Optional.empty() : Optional.of(wrap(sql, meta, limits));
        }
    }

    private static BoundedSelect wrap(String sql, ResultSetMetaData meta, Limits limits) throws SQLException {
        int count = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(count);
        List<String> aliases = new ArrayList<>(count);
        List<String> select = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
            String alias = "c" + i;
            aliases.add(alias);
            select.add(
                    FIXED_SIZE.contains(meta.getColumnType(i))
                            ? alias
                            : "left(CAST(" + alias + " AS VARCHAR), " + ((long) limits.maxCellChars() + 1) + ") AS "
                                    + alias);
        }
        String limit = limits.maxRows() < Integer.MAX_VALUE ? " LIMIT " + ((long) limits.maxRows() + 1) : "";
        String bounded = "SELECT " + String.join(", ", select) + " FROM (" + sql + ") AS revbot_bounded("
                + String.join(", ", aliases) + ")" + limit;
        return new BoundedSelect(bounded, columns);
    }

    /** A statement that can stand as a subquery: it starts (after opening brackets) with SELECT, WITH or VALUES. */
    static boolean isQuery(String sql) {
        int i = 0;
        while (i < sql.length() && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) {
            i++;
        }
        int start = i;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
        return word.equals("select") || word.equals("with") || word.equals("values");
    }
}
