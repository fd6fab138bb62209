package io.revbot.tools.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Any warehouse with a JDBC driver on the classpath (PostgreSQL, the Firebolt JDBC driver, …), through a small
 * HikariCP pool. Connections are read-only where the driver supports it; model-written SQL is still checked by the
 * SQL guard before it gets here. The pool is created on the first query, not in the constructor.
 */
public final class JdbcWarehouse implements Warehouse {
    private final String url;
    private final int poolSize;
    private final JdbcStatements statements = new JdbcStatements("warehouse");
    private HikariDataSource pool;

    public JdbcWarehouse(String url, int poolSize) {
        this.url = Objects.requireNonNull(url, "url");
        this.poolSize = poolSize;
    }

    public JdbcWarehouse(String url) {
        this(url, 4);
    }

    @Override
    public String describe() {
        return "jdbc (" + redacted(url) + ")";
    }

    /** The URL without its query string, where drivers put user names and passwords. */
    static String redacted(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query) + "?…";
        return base.replaceAll("//[^/@]*@", "//…@");
    }

    /**
     * Runs in a read-only transaction that is always rolled back, so a write that got this far (a driver that
     * ignores read-only outside transactions, as PostgreSQL's does under autocommit) never commits.
     */
    @Override
    public QueryResult query(String sql, List<?> parameters, int maxRows, Duration timeout) {
        try (Connection connection = pool().getConnection()) {
            boolean transaction = beginTransaction(connection);
            try {
                return statements.run(connection, sql, parameters, maxRows, timeout);
            } finally {
                if (transaction) {
                    connection.rollback();
                }
            }
        } catch (SQLException e) {
            throw new UpstreamException("warehouse", JdbcStatements.message(e), true, e);
        }
    }

    /** Turns autocommit off where the driver supports transactions; some analytic drivers do not. */
    private static boolean beginTransaction(Connection connection) {
        try {
            connection.setAutoCommit(false);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private synchronized HikariDataSource pool() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(0);
            config.setReadOnly(true);
            config.setPoolName("revbot-warehouse");
            config.setInitializationFailTimeout(-1);
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new UpstreamException(
                        "warehouse", "cannot connect to " + redacted(url) + ": " + e.getMessage(), true, e);
            }
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        statements.close();
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
