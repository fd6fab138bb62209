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
 * SQL guard before it gets here. On PostgreSQL every session is read-only with a statement timeout, and is reset
 * ({@link PostgresSession}) each time a query returns its connection to the pool; a connection that cannot be
 * reset is closed instead. The pool is created on the first query, not in the constructor.
 */
public final class JdbcWarehouse implements Warehouse {
    private static final System.Logger LOG = System.getLogger(JdbcWarehouse.class.getName());

    private final String url;
    private final int poolSize;
    private final Duration sessionTimeout;
    private final boolean postgres;
    private final JdbcStatements statements;
    private HikariDataSource pool;

    /**
     * @param sessionTimeout the statement timeout of every PostgreSQL session ({@code REVBOT_SQL_TIMEOUT}); each
     *     query may set a shorter one for itself
     */
    public JdbcWarehouse(String url, int poolSize, Duration sessionTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.poolSize = poolSize;
        this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        SqlDialect dialect = SqlDialect.forJdbcUrl(url);
        this.postgres = dialect == SqlDialect.POSTGRESQL;
        this.statements = new JdbcStatements("warehouse", dialect);
    }

    public JdbcWarehouse(String url) {
        this(url, 4, Duration.ofSeconds(60));
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
    public QueryResult query(String sql, List<?> parameters, Limits limits) {
        HikariDataSource pool = pool();
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw new UpstreamException("warehouse", JdbcStatements.message(e), true, e);
        }
        boolean transaction = beginTransaction(connection);
        try {
            if (postgres && transaction && limits.timeout().compareTo(sessionTimeout) < 0) {
                PostgresSession.limitTransaction(connection, limits.timeout());
            }
            return statements.run(connection, sql, parameters, limits);
        } catch (SQLException e) {
            throw new UpstreamException("warehouse", JdbcStatements.message(e), true, e);
        } finally {
            giveBack(pool, connection, release(connection, transaction));
        }
    }

    /** Rolls back and, on PostgreSQL, resets the session; false when the connection must not be used again. */
    private boolean release(Connection connection, boolean transaction) {
        try {
            if (connection.isClosed()) {
                return false;
            }
            if (transaction) {
                connection.rollback();
            }
            if (postgres) {
                PostgresSession.reset(connection, sessionTimeout);
            }
            return true;
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "resetting a warehouse connection failed: " + e.getMessage());
            return false;
        }
    }

    /** Back to the pool when it was rolled back and reset; otherwise closed, so nothing it holds survives. */
    private static void giveBack(HikariDataSource pool, Connection connection, boolean reusable) {
        if (!reusable) {
            LOG.log(System.Logger.Level.INFO, "closing a warehouse connection that could not be reset");
            pool.evictConnection(connection);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a warehouse connection: " + e.getMessage());
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
            if (postgres) {
                config.setConnectionInitSql(PostgresSession.setup(sessionTimeout));
            }
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
