package io.revbot.tools.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the databases that integration tests ({@code *IT}) run against, in this order: the environment
 * ({@code REVBOT_TEST_DATABASE_URL} for plain PostgreSQL, {@code REVBOT_TEST_VECTOR_DATABASE_URL} for PostgreSQL
 * with pgvector), else a Testcontainers container when Docker is available. When neither works the test is
 * skipped, unless {@code REVBOT_REQUIRE_DB=1} (set by {@code .ci/run}), which makes it fail instead.
 *
 * <p>Each caller gets its own schema ({@link #freshSchema}), so test classes never see each other's tables.
 */
public final class TestDatabases {
    private static volatile String containerPostgres;
    private static volatile String containerPgvector;

    private TestDatabases() {}

    /** A JDBC URL of a PostgreSQL database (no pgvector needed): native PostgreSQL, for concurrency tests. */
    public static String postgresUrl() {
        String url = System.getenv("REVBOT_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return checked(url, "REVBOT_TEST_DATABASE_URL");
        }
        if (containerPostgres == null) {
            containerPostgres = startContainer("postgres:16-alpine");
        }
        return containerPostgres;
    }

    /** A JDBC URL of a PostgreSQL database with the pgvector extension available. */
    public static String pgvectorUrl() {
        String url = System.getenv("REVBOT_TEST_VECTOR_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return withVectorInPublic(checked(url, "REVBOT_TEST_VECTOR_DATABASE_URL"));
        }
        if (containerPgvector == null) {
            containerPgvector = withVectorInPublic(startContainer("pgvector/pgvector:pg16"));
        }
        return containerPgvector;
    }

    /**
     * Creates the {@code vector} extension in {@code public} before any test runs. Otherwise the first test's
     * migration would create it in that test's own schema ({@link #freshSchema}), where the others cannot see it.
     */
    private static String withVectorInPublic(String url) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector SCHEMA public");
            return url;
        } catch (SQLException e) {
            return unavailable("cannot create the vector extension at " + url + ": " + e.getMessage());
        }
    }

    /**
     * Creates a new empty schema named after {@code prefix} and returns a URL whose {@code currentSchema} is that
     * schema (then {@code public}, where extensions such as {@code vector} live).
     */
    public static String freshSchema(String baseUrl, String prefix) {
        String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(baseUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    public static boolean required() {
        return "1".equals(System.getenv("REVBOT_REQUIRE_DB"));
    }

    private static String checked(String url, String variable) {
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
            return url;
        } catch (SQLException e) {
            return unavailable(variable + "=" + url + " is not reachable: " + e.getMessage());
        }
    }

    private static String startContainer(String image) {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                return unavailable("no REVBOT_TEST_*DATABASE_URL is set and Docker is not available");
            }
            var container = new org.testcontainers.containers.PostgreSQLContainer<>(
                    org.testcontainers.utility.DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
            container.start();
            return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return unavailable("no REVBOT_TEST_*DATABASE_URL is set and Testcontainers is not on the classpath");
        } catch (RuntimeException e) {
            return unavailable("no REVBOT_TEST_*DATABASE_URL is set and the container failed: " + e.getMessage());
        }
    }

    private static String unavailable(String reason) {
        if (required()) {
            fail("REVBOT_REQUIRE_DB=1 but no database: " + reason);
        }
        Assumptions.abort("skipped, no database: " + reason);
        throw new AssertionError("unreachable");
    }
}
