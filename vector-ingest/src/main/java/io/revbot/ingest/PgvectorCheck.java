package io.revbot.ingest;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether a PostgreSQL can hold the knowledge store: pgvector installed in the database, or available to
 * {@code CREATE EXTENSION}. Run before any migration, so a server without it is refused with one line saying how to fix
 * it instead of failing every search with the migration's error.
 */
final class PgvectorCheck {
    private PgvectorCheck() {}

    /**
     * What the server runs ("PostgreSQL 16.4 with pgvector 0.8.0").
     *
     * @throws ConfigurationException when pgvector is neither installed nor available
     */
    static String require(DataSource data, String jdbcUrl) {
        try (Connection c = data.getConnection();
                Statement s = c.createStatement()) {
            String server = "PostgreSQL " + single(s, "SHOW server_version").split(" ")[0];
            String installed = single(s, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
            if (installed != null) {
                return server + " with pgvector " + installed;
            }
            String available;
            try {
                available = single(s, "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'");
            } catch (SQLException unknown) {
                // a server that does not list its extensions: the migration's CREATE EXTENSION decides
                return server + " (pgvector not installed yet)";
            }
            if (available != null) {
                return server + " with pgvector " + available + " available (created on first use)";
            }
            throw new ConfigurationException(
                    "REVBOT_VECTOR_DATABASE_URL",
                    "the knowledge store needs pgvector, and " + server + " at " + withoutParameters(jdbcUrl)
                            + " does not have it: point REVBOT_VECTOR_DATABASE_URL at a PostgreSQL with pgvector"
                            + " (docker compose's postgres service has it), or set REVBOT_VECTOR_DATABASE_URL=embedded"
                            + " for the index under REVBOT_HOME");
        } catch (SQLException e) {
            throw new UpstreamException(
                    "knowledge store",
                    "cannot check REVBOT_VECTOR_DATABASE_URL for pgvector: " + e.getMessage(),
                    true,
                    e);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The URL without its parameters, which may hold a user name or password. */
    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
