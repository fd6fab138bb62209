package io.revbot.tools.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The session a PostgreSQL warehouse connection keeps, whatever ran on it before: read-only by default, a
 * statement timeout, no lingering transaction. Set when the pool opens a connection and again every time a query
 * hands it back, after {@code DISCARD ALL} has dropped what the query left behind: session advisory locks (which
 * outlive a rollback), settings, prepared statements, temporary tables, {@code LISTEN}s. Advisory locks are
 * allowed in read-only transactions, so only this reset keeps one from surviving its query.
 */
final class PostgresSession {
    private PostgresSession() {}

    /** The statements that make a session RevBot's; also the pool's connection-init SQL. */
    static String setup(Duration statementTimeout) {
        long millis = Math.max(1, statementTimeout.toMillis());
        return "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; SET statement_timeout = " + millis
                + "; SET idle_in_transaction_session_timeout = " + Math.max(millis * 2, 60_000);
    }

    /** Limits the current transaction's statements to {@code timeout} (reset when the transaction ends). */
    static void limitTransaction(Connection connection, Duration timeout) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
        }
    }

    /** Discards everything the last query left in the session and sets it up again; outside any transaction. */
    static void reset(Connection connection, Duration statementTimeout) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("DISCARD ALL");
            s.execute(setup(statementTimeout));
        }
    }
}
