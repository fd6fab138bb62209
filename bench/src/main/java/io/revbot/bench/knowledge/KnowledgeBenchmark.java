package io.revbot.bench.knowledge;

import io.revbot.ingest.Chunk;
import io.revbot.ingest.Embedder;
import io.revbot.ingest.InMemoryKnowledgeStore;
import io.revbot.ingest.IngestProgress;
import io.revbot.ingest.IngestSummary;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.ingest.KnowledgeStore;
import io.revbot.ingest.PgVectorKnowledgeStore;
import io.revbot.ingest.StoredChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The knowledge benchmark, one command:
 *
 * <pre>
 * mvn -o -q -pl bench -am compile exec:java -Dexec.mainClass=io.revbot.bench.knowledge.KnowledgeBenchmark \
 *     [-Dbench.sizes=1000,50000] [-Dbench.pgvectorSizes=1000,10000] [-Dbench.vectorUrl=jdbc:postgresql://…]
 * </pre>
 *
 * <ol>
 *   <li>Ingestion: the repository's {@code knowledge_base/} embedded with MiniLM into the in-memory store, in chunks/s.
 *   <li>Query latency (p50/p99 of one hybrid query: vector top 20 + keyword top 20) at each size, in memory and, when a
 *       pgvector URL is given ({@code -Dbench.vectorUrl} or {@code REVBOT_TEST_VECTOR_DATABASE_URL}), on pgvector.
 *   <li>Recall@5 of the HNSW index (ef_search from -Dbench.efSearch, default the store's) against an exact scan of the same table.
 * </ol>
 *
 * Filler chunks are synthetic: 400 filler texts built from the knowledge base's own words are embedded with MiniLM,
 * and each filler chunk's vector is one of them plus Gaussian noise (sigma 0.02 per dimension), so the vectors keep
 * the clustered shape of real text embeddings; embedding 50,000 texts with MiniLM on two shared cores would take
 * about half an hour by itself.
 */
public final class KnowledgeBenchmark {
    private static final int BASE_TEXTS = 400;
    private static final int QUERIES = 200;
    private static final String[] QUESTIONS = {
        "how is ACV computed from the opportunity amount", "gong__call_highlights_next_steps",
                "weighted pipeline by stage",
        "which deals are stuck", "MEDDPICC gaps on late stage deals", "consumption trend 30 days vs 90 days",
        "PLG customers ready to convert", "how long should a proof of concept run", "who is the economic buyer",
        "competitive displacement signals for Snowflake", "lead trends by source", "temporal normalisation daily rates",
        "churn risk assessment steps", "closed lost re-engagement triggers", "outreach email length",
        "owner id to employee name", "is_deleted filter on contacts", "billing by organization id",
        "customer segmentation commit PLG prospect", "latest substantive customer calls"
    };

    /** The ef_search to measure ({@code -Dbench.efSearch}); the store's default otherwise. */
    static final int EF_SEARCH = Integer.getInteger("bench.efSearch", PgVectorKnowledgeStore.DEFAULT_EF_SEARCH);

    private KnowledgeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path kbRoot = findKnowledgeBase();
        List<Integer> sizes = ints(System.getProperty("bench.sizes", "1000,50000"));
        List<Integer> pgSizes = ints(System.getProperty("bench.pgvectorSizes", "1000,10000"));
        Optional<String> pgUrl = Optional.ofNullable(System.getProperty("bench.vectorUrl"))
                .or(() -> Optional.ofNullable(System.getenv("REVBOT_TEST_VECTOR_DATABASE_URL")))
                .filter(s -> !s.isBlank());

        Embedder embedder = Embedder.miniLm();
        embedder.embed("warm-up");

        Path home = Files.createTempDirectory("revbot-bench-kb");
        try (KnowledgeBase kb = KnowledgeBase.embedded(kbRoot, home, () -> embedder)) {
            IngestSummary ingest = kb.ingest(true, IngestProgress.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "ingestion (MiniLM, in-memory): %d chunks in %.1f s = %.1f chunks/s%n",
                    ingest.added(),
                    ingest.seconds(),
                    ingest.added() / ingest.seconds());
        }

        Random random = new Random(42);
        List<String> texts = fillerTexts(kbRoot, random);
        List<float[]> base = embedder.embedAll(texts);
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            queries.add(embedder.embed(QUESTIONS[i % QUESTIONS.length] + (i < QUESTIONS.length ? "" : " " + i)));
        }

        System.out.println("size    store      p50 ms   p99 ms   recall@5 (HNSW vs exact)");
        for (int size : sizes) {
            try (InMemoryKnowledgeStore store = InMemoryKnowledgeStore.transientStore()) {
                store.open(Embedder.MINILM, true);
                fill(store, size, base, texts, random);
                double[] latency = latencies(store, queries);
                System.out.printf(
                        Locale.ROOT,
                        "%-7d in-memory  %7.2f  %7.2f   exact search (1.000)%n",
                        size,
                        latency[0],
                        latency[1]);
            }
        }
        if (pgUrl.isEmpty()) {
            System.out.println("pgvector: skipped (set -Dbench.vectorUrl or REVBOT_TEST_VECTOR_DATABASE_URL)");
            return;
        }
        for (int size : pgSizes) {
            String schema =
                    "bench_kb_" + size + "_" + UUID.randomUUID().toString().substring(0, 6);
            try (Connection c = DriverManager.getConnection(pgUrl.get());
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            String url = pgUrl.get() + (pgUrl.get().contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
            try (PgVectorKnowledgeStore store = new PgVectorKnowledgeStore(url, EF_SEARCH)) {
                store.open(Embedder.MINILM, true);
                long started = System.nanoTime();
                fill(store, size, base, texts, random);
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                double[] latency = latencies(store, queries);
                double recall = recallAt5(store, url, queries);
                System.out.printf(
                        Locale.ROOT,
                        "%-7d pgvector   %7.2f  %7.2f   %.3f (ef_search %d; loaded %d rows in %.0f s)%n",
                        size,
                        latency[0],
                        latency[1],
                        recall,
                        EF_SEARCH,
                        size,
                        loadSeconds);
            }
        }
    }

    private static void fill(KnowledgeStore store, int size, List<float[]> base, List<String> texts, Random random) {
        List<StoredChunk> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int b = i % base.size();
            float[] v = base.get(b).clone();
            for (int d = 0; d < v.length; d++) {
                v[d] += (float) (random.nextGaussian() * 0.02);
            }
            Chunk chunk = new Chunk("filler/doc" + (i / 20) + ".md", "Filler " + (i / 20), i % 20, texts.get(b));
            batch.add(new StoredChunk(chunk, "h" + i, v));
            if (batch.size() == 500) {
                store.upsert(batch);
                batch.clear();
            }
        }
        store.upsert(batch);
    }

    /** p50 and p99 in milliseconds of vector top 20 + keyword top 20 (what one hybrid query costs the store). */
    private static double[] latencies(KnowledgeStore store, List<float[]> queries) {
        for (int i = 0; i < 20; i++) { // warm-up: index builds, JIT, connection pool
            store.nearest(queries.get(i), 20, Optional.empty());
            store.keyword(QUESTIONS[i % QUESTIONS.length], 20, Optional.empty());
        }
        double[] ms = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            store.nearest(queries.get(i), 20, Optional.empty());
            store.keyword(QUESTIONS[i % QUESTIONS.length], 20, Optional.empty());
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1]};
    }

    private static double recallAt5(PgVectorKnowledgeStore store, String url, List<float[]> queries) throws Exception {
        double total = 0;
        try (Connection c = DriverManager.getConnection(url + "&prepareThreshold=0")) {
            for (float[] q : queries) {
                Set<String> approximate = new HashSet<>();
                store.nearest(q, 5, Optional.empty())
                        .forEach(h -> approximate.add(h.chunk().id().toString()));
                Set<String> exact = new HashSet<>();
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL enable_indexscan = off");
                }
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT embedding_id FROM revbot_knowledge_chunk ORDER BY embedding <=> ?::vector LIMIT 5")) {
                    p.setString(1, Arrays.toString(q).replace(" ", ""));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            exact.add(rs.getString(1));
                        }
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                approximate.retainAll(exact);
                total += approximate.size() / 5.0;
            }
        }
        return total / queries.size();
    }

    /** Sentences made of the knowledge base's own words, so BM25 and the vectors see realistic vocabulary. */
    private static List<String> fillerTexts(Path kbRoot, Random random) throws Exception {
        List<String> words = new ArrayList<>();
        try (var files = Files.walk(kbRoot)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                for (String w : Files.readString(p).split("\\s+")) {
                    if (w.length() > 3 && w.chars().allMatch(Character::isLetter)) {
                        words.add(w.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < BASE_TEXTS; i++) {
            StringBuilder t = new StringBuilder();
            for (int w = 0; w < 60; w++) {
                t.append(words.get(random.nextInt(words.size()))).append(' ');
            }
            texts.add(t.toString().strip());
        }
        return texts;
    }

    private static Path findKnowledgeBase() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("knowledge_base"))) {
                return p.resolve("knowledge_base");
            }
        }
        throw new IllegalStateException(
                "run from inside the repository (no knowledge_base/ above the working directory)");
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Integer::parseInt)
                .toList();
    }
}
