package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The store contract against PostgreSQL with pgvector, plus what only the database has: the migration's index. */
class PgVectorKnowledgeStoreIT extends KnowledgeStoreContract {
    private String url;

    @Override
    KnowledgeStore newStore() {
        url = TestDatabases.freshSchema(TestDatabases.pgvectorUrl(), "knowledge");
        return new PgVectorKnowledgeStore(url, PgVectorKnowledgeStore.DEFAULT_EF_SEARCH);
    }

    @Test
    void theMigrationCreatesAnHnswIndexWithCosineOpsAndItsOwnHistoryTable() throws Exception {
        store.open(FAKE, false);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'revbot_knowledge_chunk'"
                                + " AND schemaname = current_schema()")) {
            StringBuilder defs = new StringBuilder();
            while (rs.next()) {
                defs.append(rs.getString(1)).append('\n');
            }
            assertThat(defs.toString())
                    .contains("USING hnsw (embedding vector_cosine_ops)")
                    .contains("USING gin (search_text)")
                    .doesNotContainIgnoringCase("ivfflat");
        }
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM revbot_knowledge_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
    }

    @Test
    void aRebuildWithAModelOfAnotherDimensionChangesTheColumn() throws Exception {
        store.open(FAKE, false);
        store.upsert(java.util.List.of(stored("schema/a.md", "a", "text")));
        EmbeddingModelId wider = new EmbeddingModelId("wider", 24);
        store.open(wider, true);
        store.upsert(java.util.List.of(new StoredChunk(new Chunk("schema/a.md", "a", 0, "text"), "h", new float[24])));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.model()).contains(wider);
    }
}
