package io.revbot.ingest;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.pgvector.DefaultMetadataStorageConfig;
import dev.langchain4j.store.embedding.pgvector.MetadataStorageMode;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The production knowledge store: PostgreSQL with pgvector. Our Flyway migrations ({@code classpath:db/knowledge},
 * history table {@code revbot_knowledge_schema_history}) create the chunk table with an HNSW index and a full-text
 * column; {@code langchain4j-pgvector} writes rows and answers vector searches; keyword search is PostgreSQL full-text
 * search on the same table ({@link #keyword}). Nothing connects before {@link #open} or {@link #check}, and both
 * refuse a PostgreSQL without pgvector with one line saying how to fix it, before any migration runs.
 */
public final class PgVectorKnowledgeStore implements KnowledgeStore {
    static final String TABLE = "revbot_knowledge_chunk";
    static final String HISTORY_TABLE = "revbot_knowledge_schema_history";
    /** The HNSW candidate list per query; see the knowledge benchmark for recall against exact search. */
    public static final int DEFAULT_EF_SEARCH = 400;

    private final String jdbcUrl;
    private final int efSearch;
    private HikariDataSource dataSource;
    private PgVectorEmbeddingStore vectors;
    private EmbeddingModelId model;

    public PgVectorKnowledgeStore(String jdbcUrl, int efSearch) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (efSearch < 1 || efSearch > 1000) {
            throw new IllegalArgumentException("ef_search must be in [1, 1000], got " + efSearch);
        }
        this.efSearch = efSearch;
    }

    @Override
    public synchronized void open(EmbeddingModelId configured, boolean rebuild) {
        if (dataSource == null) {
            HikariDataSource connected = connect();
            try {
                PgvectorCheck.require(connected, jdbcUrl);
            } catch (RuntimeException e) {
                connected.close();
                throw e;
            }
            dataSource = connected;
            migrate(configured);
        }
        Optional<EmbeddingModelId> stored = readModel();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (rebuild) {
                    s.execute("TRUNCATE " + TABLE);
                }
                if (stored.isPresent() && stored.get().dimension() != configured.dimension()) {
                    if (!rebuild) {
                        stored.get().requireSameAs(configured);
                    }
                    changeDimension(s, configured.dimension());
                } else if (stored.isPresent() && !rebuild && !stored.get().equals(configured) && count(s) > 0) {
                    stored.get().requireSameAs(configured);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO revbot_knowledge_model (id, model, dimension)"
                    + " VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model,"
                    + " dimension = EXCLUDED.dimension, updated_at = now()")) {
                p.setString(1, configured.name());
                p.setInt(2, configured.dimension());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw failure("open", e);
        }
        model = configured;
        vectors = PgVectorEmbeddingStore.datasourceBuilder()
                .datasource(dataSource)
                .table(TABLE)
                .dimension(configured.dimension())
                .createTable(false)
                .useIndex(false)
                .metadataStorageConfig(DefaultMetadataStorageConfig.builder()
                        .storageMode(MetadataStorageMode.COMBINED_JSONB)
                        .columnDefinitions(List.of("metadata JSONB NOT NULL"))
                        .build())
                .build();
    }

    private HikariDataSource connect() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("revbot-knowledge");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        // The schema is set explicitly as well as through the URL's currentSchema: PGlite ignores start-up
        // parameters, and all of its connections share one session.
        config.setConnectionInitSql(currentSchema(jdbcUrl)
                        .map(schemas -> "SET search_path TO " + schemas + "; ")
                        .orElse("")
                + "SET hnsw.ef_search = " + efSearch);
        if (!jdbcUrl.contains("prepareThreshold")) {
            // Unnamed statements only: servers that multiplex connections onto one backend (PGlite, some poolers in
            // transaction mode) reject the driver's named statements (S_1, S_2…) from a second connection. The
            // queries here are dominated by execution, not planning.
            config.addDataSourceProperty("prepareThreshold", "0");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UpstreamException(
                    "knowledge store", "cannot connect to REVBOT_VECTOR_DATABASE_URL: " + e.getMessage(), true, e);
        }
    }

    @Override
    public synchronized Optional<String> check() {
        if (dataSource != null) {
            return Optional.of(PgvectorCheck.require(dataSource, jdbcUrl));
        }
        try (HikariDataSource probe = connect()) {
            return Optional.of(PgvectorCheck.require(probe, jdbcUrl));
        }
    }

    /** The {@code currentSchema} parameter of a JDBC URL, as a quoted search path, if it has one. */
    static Optional<String> currentSchema(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            if (parameter.startsWith("currentSchema=")) {
                String value = java.net.URLDecoder.decode(
                        parameter.substring("currentSchema=".length()), java.nio.charset.StandardCharsets.UTF_8);
                List<String> quoted = new ArrayList<>();
                for (String schema : value.split(",")) {
                    if (!schema.isBlank()) {
                        quoted.add("\"" + schema.strip().replace("\"", "\"\"") + "\"");
                    }
                }
                return quoted.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", quoted));
            }
        }
        return Optional.empty();
    }

    private void migrate(EmbeddingModelId configured) {
        try {
            Flyway.configure()
                    // Session-level advisory lock: a transactional one keeps a transaction open on a second
                    // connection for the whole migration, which servers that serialise transactions (PGlite) wait on.
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .dataSource(dataSource)
                    .locations("classpath:db/knowledge")
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .placeholders(Map.of("embedding_dimension", Integer.toString(configured.dimension())))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new UpstreamException(
                    "knowledge store", "migrating the knowledge schema failed: " + e.getMessage(), false, e);
        }
    }

    /** A new model with another dimension: the column type and its index follow (the table is empty by now). */
    private static void changeDimension(Statement s, int dimension) throws SQLException {
        s.execute("DROP INDEX IF EXISTS revbot_knowledge_chunk_embedding_hnsw");
        s.execute("ALTER TABLE " + TABLE + " ALTER COLUMN embedding TYPE vector(" + dimension + ")");
        s.execute("CREATE INDEX revbot_knowledge_chunk_embedding_hnsw ON " + TABLE
                + " USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Optional<EmbeddingModelId> readModel() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT model, dimension FROM revbot_knowledge_model WHERE id = 1")) {
            return rs.next() ? Optional.of(new EmbeddingModelId(rs.getString(1), rs.getInt(2))) : Optional.empty();
        } catch (SQLException e) {
            throw failure("read the model", e);
        }
    }

    @Override
    public synchronized Optional<EmbeddingModelId> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public Map<UUID, StoredState> states() {
        Map<UUID, StoredState> states = new LinkedHashMap<>();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT embedding_id, document, content_hash FROM " + TABLE)) {
            while (rs.next()) {
                states.put(rs.getObject(1, UUID.class), new StoredState(rs.getString(2), rs.getString(3)));
            }
            return states;
        } catch (SQLException e) {
            throw failure("list chunks", e);
        }
    }

    @Override
    public void upsert(List<StoredChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(chunks.size());
        List<Embedding> embeddings = new ArrayList<>(chunks.size());
        List<TextSegment> segments = new ArrayList<>(chunks.size());
        for (StoredChunk s : chunks) {
            Chunk c = s.chunk();
            ids.add(c.id().toString());
            embeddings.add(Embedding.from(s.vector()));
            segments.add(TextSegment.from(
                    c.text(),
                    new Metadata()
                            .put("document", c.document())
                            .put("folder", c.folder())
                            .put("heading_path", c.headingPath())
                            .put("ordinal", c.ordinal())
                            .put("content_hash", s.contentHash())));
        }
        vectorStore().addAll(ids, embeddings, segments);
    }

    @Override
    public void remove(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            vectorStore().removeAll(ids.stream().map(UUID::toString).toList());
        }
    }

    @Override
    public List<ScoredChunk> nearest(float[] vector, int k, Optional<String> folder) {
        EmbeddingSearchRequest.EmbeddingSearchRequestBuilder request = EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(vector))
                .maxResults(k)
                .minScore(0.0);
        folder.ifPresent(
                f -> request.filter(MetadataFilterBuilder.metadataKey("folder").isEqualTo(f)));
        List<ScoredChunk> hits = new ArrayList<>();
        for (EmbeddingMatch<TextSegment> match :
                vectorStore().search(request.build()).matches()) {
            Metadata m = match.embedded().metadata();
            hits.add(new ScoredChunk(
                    new Chunk(
                            m.getString("document"),
                            m.getString("heading_path"),
                            m.getInteger("ordinal"),
                            match.embedded().text()),
                    match.score()));
        }
        return hits;
    }

    /**
     * PostgreSQL full-text search: any of the query's words may match (ranked by {@code ts_rank} with heading words
     * weighted above body words), and an identifier from the query ({@code gong__call_highlights_next_steps}) found
     * as a phrase in the chunk adds a bonus of 1, so exact column names come first.
     */
    @Override
    public List<ScoredChunk> keyword(String query, int k, Optional<String> folder) {
        List<String> identifiers = Tokenizer.tokens(query).stream()
                .filter(t -> t.indexOf('_') > 0)
                .distinct()
                .limit(5)
                .toList();
        String phrase = identifiers.isEmpty()
                ? "NULL::tsquery"
                : String.join(
                        " || ",
                        identifiers.stream()
                                .map(i -> "phraseto_tsquery('english', ?)")
                                .toList());
        String sql = "WITH q AS (SELECT replace(plainto_tsquery('english', ?)::text, '&', '|')::tsquery AS words, "
                + phrase + " AS phrase) "
                + "SELECT document, metadata ->> 'heading_path', (metadata ->> 'ordinal')::int, text, "
                + "ts_rank(search_text, q.words, 1) + CASE WHEN search_text @@ q.phrase THEN 1 ELSE 0 END AS score "
                + "FROM " + TABLE + ", q WHERE search_text @@ q.words"
                + (folder.isPresent() ? " AND folder = ?" : "")
                + " ORDER BY score DESC, embedding_id LIMIT ?";
        try (Connection c = dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            p.setString(i++, query);
            for (String identifier : identifiers) {
                p.setString(i++, identifier);
            }
            if (folder.isPresent()) {
                p.setString(i++, folder.get());
            }
            p.setInt(i, k);
            List<ScoredChunk> hits = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    hits.add(new ScoredChunk(
                            new Chunk(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
                            rs.getDouble(5)));
                }
            }
            return hits;
        } catch (SQLException e) {
            throw failure("keyword search", e);
        }
    }

    @Override
    public int size() {
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            return (int) count(s);
        } catch (SQLException e) {
            throw failure("count chunks", e);
        }
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    private synchronized DataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("open the store first");
        }
        return dataSource;
    }

    private synchronized PgVectorEmbeddingStore vectorStore() {
        if (vectors == null) {
            throw new IllegalStateException("open the store first");
        }
        return vectors;
    }

    private static UpstreamException failure(String what, SQLException e) {
        return new UpstreamException("knowledge store", "cannot " + what + ": " + e.getMessage(), true, e);
    }
}
