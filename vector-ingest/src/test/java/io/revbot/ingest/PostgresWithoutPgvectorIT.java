package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The knowledge store pointed at a plain PostgreSQL ({@code REVBOT_TEST_DATABASE_URL}: the native PostgreSQL, which
 * has no pgvector): refused with one line that says how to fix it, before any migration touches the database.
 */
class PostgresWithoutPgvectorIT {
    static final EmbeddingModelId MODEL = new EmbeddingModelId("fake", 8);

    String url;

    @BeforeEach
    void plainPostgres() throws Exception {
        url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "nopgvector");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")) {
            rs.next();
            Assumptions.assumeTrue(rs.getInt(1) == 0, "this PostgreSQL has pgvector; the test needs one without");
        }
    }

    @Test
    void openingTheStoreFailsWithOneLineNamingTheSettingAndTheFixAndCreatesNothing() throws Exception {
        try (PgVectorKnowledgeStore store = new PgVectorKnowledgeStore(url, PgVectorKnowledgeStore.DEFAULT_EF_SEARCH)) {
            assertThatThrownBy(() -> store.open(MODEL, false))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("REVBOT_VECTOR_DATABASE_URL")
                    .hasMessageContaining("needs pgvector")
                    .hasMessageContaining("REVBOT_VECTOR_DATABASE_URL=embedded")
                    .hasMessageNotContaining("currentSchema")
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1))
                    .hasNoCause();
            assertThatThrownBy(store::check).isInstanceOf(ConfigurationException.class);
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no Flyway history, no tables").isZero();
        }
    }

    @Test
    void theKnowledgeBaseChecksTheStoreWithoutTheEmbeddingModel() {
        KnowledgeBase kb = KnowledgeBase.pgvector(java.nio.file.Path.of("."), url, () -> {
            throw new AssertionError("the embedding model is not needed to check the store");
        });
        try (kb) {
            assertThatThrownBy(kb::checkStore)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("PostgreSQL 1");
        }
    }
}
