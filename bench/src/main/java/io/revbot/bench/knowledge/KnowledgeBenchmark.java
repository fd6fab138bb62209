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
import java.util.stream.IntStream;

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
 *   <li>Recall@5 of the HNSW index (ef_search from -Dbench.efSearch, default the store's) against an exact scan of the
 *       same table, through the store; then for each ef_search of -Dbench.efSweep (default 40,100,200), recall@5 and
 *       the vector query's own p50 through plain SQL.
 * </ol>
 *
 * Filler chunks are synthetic documents, each its own text embedded with MiniLM (about 300 texts/s here, so 50k take
 * about three minutes): two to four sentences of the knowledge base drawn at random, headed by an invented account
 * with an industry and a region. They share the knowledge base's vocabulary and topics, as a company's notes would,
 * without being copies of each other. (An earlier filler reused 400 vectors with Gaussian noise; its 125 near-copies
 * per vector made the true top 5 a near-tie that no graph index reproduces, and real text never looks like that.)
 */
public final class KnowledgeBenchmark {
    private static final String[] INDUSTRIES = {
        "fintech",
        "retail",
        "healthcare",
        "gaming",
        "logistics",
        "media",
        "telecom",
        "insurance",
        "manufacturing",
        "travel",
        "education",
        "energy",
        "adtech",
        "cybersecurity",
        "public sector"
    };
    private static final String[] REGIONS = {"NA", "EMEA", "APJ", "LATAM"};
    private static final String[] NAME_PARTS = {
        "North",
        "Blue",
        "Iron",
        "Silver",
        "Quantum",
        "Harbor",
        "Vertex",
        "Summit",
        "Cedar",
        "Nova",
        "Atlas",
        "Pixel",
        "Granite",
        "Orbit",
        "Maple",
        "Falcon",
        "Lumen",
        "Crescent",
        "Delta",
        "Echo",
        "Helix",
        "Juniper",
        "Keystone"
    };
    private static final String[] NAME_ENDS = {
        "wind", "works", "labs", "systems", "logic", "data", "stack", "bridge", "forge", "point", "field", "cloud"
    };
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

    /** Other ef_search values measured on the same table ({@code -Dbench.efSweep}), to show what the default buys. */
    static final List<Integer> EF_SWEEP = ints(System.getProperty("bench.efSweep", "40,100,200"));

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
        int largest = IntStream.concat(
                        sizes.stream().mapToInt(i -> i), pgSizes.stream().mapToInt(i -> i))
                .max()
                .orElse(0);
        List<String> texts = fillerTexts(kbRoot, random, largest);
        long embedStarted = System.nanoTime();
        List<float[]> vectors = embedAllInBatches(embedder, texts);
        System.out.printf(
                Locale.ROOT,
                "filler: %d synthetic chunks embedded with MiniLM in %.0f s%n",
                texts.size(),
                (System.nanoTime() - embedStarted) / 1e9);
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            queries.add(embedder.embed(QUESTIONS[i % QUESTIONS.length] + (i < QUESTIONS.length ? "" : " " + i)));
        }

        System.out.println("size    store      p50 ms   p99 ms   recall@5 (HNSW vs exact)");
        for (int size : sizes) {
            try (InMemoryKnowledgeStore store = InMemoryKnowledgeStore.transientStore()) {
                store.open(Embedder.MINILM, true);
                fill(store, size, vectors, texts);
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
        try (Connection c = DriverManager.getConnection(pgUrl.get());
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector"); // in public, which every size's schema sees
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
                fill(store, size, vectors, texts);
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                double[] latency = latencies(store, queries);
                List<Set<String>> exact = exactTop5(url, queries);
                System.out.printf(
                        Locale.ROOT,
                        "%-7d pgvector   %7.2f  %7.2f   %.3f (ef_search %d; loaded %d rows in %.0f s)%n",
                        size,
                        latency[0],
                        latency[1],
                        storeRecall(store, queries, exact),
                        EF_SEARCH,
                        size,
                        loadSeconds);
                for (int ef : EF_SWEEP) {
                    double[] p50 = new double[1];
                    double recall = recall(indexTop5(url, queries, ef, p50), exact);
                    System.out.printf(
                            Locale.ROOT,
                            "          ef_search %3d: recall@5 %.3f, vector query alone p50 %.2f ms%n",
                            ef,
                            recall,
                            p50[0]);
                }
            }
        }
    }

    private static List<float[]> embedAllInBatches(Embedder embedder, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += 1000) {
            vectors.addAll(embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + 1000))));
            if (from > 0 && from % 10_000 == 0) {
                System.out.printf(Locale.ROOT, "filler: %d of %d embedded%n", from, texts.size());
            }
        }
        return vectors;
    }

    private static void fill(KnowledgeStore store, int size, List<float[]> vectors, List<String> texts) {
        List<StoredChunk> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Chunk chunk = new Chunk("filler/doc" + (i / 20) + ".md", "Filler " + (i / 20), i % 20, texts.get(i));
            batch.add(new StoredChunk(chunk, "h" + i, vectors.get(i)));
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

    /** The exact top 5 of each query: a sequential scan of the same table, the index switched off. */
    private static List<Set<String>> exactTop5(String url, List<float[]> queries) throws Exception {
        return top5(url, queries, "SET LOCAL enable_indexscan = off", null);
    }

    /** Top 5 of each query through the HNSW index with {@code efSearch}, and the median query time in ms. */
    private static List<Set<String>> indexTop5(String url, List<float[]> queries, int efSearch, double[] p50)
            throws Exception {
        return top5(url, queries, "SET LOCAL hnsw.ef_search = " + efSearch, p50);
    }

    private static List<Set<String>> top5(String url, List<float[]> queries, String setting, double[] p50)
            throws Exception {
        List<Set<String>> out = new ArrayList<>();
        double[] ms = new double[queries.size()];
        try (Connection c = DriverManager.getConnection(url + "&prepareThreshold=0")) {
            c.setAutoCommit(false);
            for (int i = 0; i < queries.size(); i++) {
                long started = System.nanoTime();
                try (Statement s = c.createStatement()) {
                    s.execute(setting);
                }
                Set<String> ids = new HashSet<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT embedding_id FROM revbot_knowledge_chunk ORDER BY embedding <=> ?::vector LIMIT 5")) {
                    p.setString(1, Arrays.toString(queries.get(i)).replace(" ", ""));
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                c.commit();
                ms[i] = (System.nanoTime() - started) / 1e6;
                out.add(ids);
            }
        }
        if (p50 != null) {
            Arrays.sort(ms);
            p50[0] = ms[ms.length / 2];
        }
        return out;
    }

    /** Recall@5 of the store's own vector search (its default ef_search) against {@code exact}. */
    private static double storeRecall(PgVectorKnowledgeStore store, List<float[]> queries, List<Set<String>> exact) {
        List<Set<String>> found = new ArrayList<>();
        for (float[] q : queries) {
            Set<String> ids = new HashSet<>();
            store.nearest(q, 5, Optional.empty())
                    .forEach(h -> ids.add(h.chunk().id().toString()));
            found.add(ids);
        }
        return recall(found, exact);
    }

    private static double recall(List<Set<String>> found, List<Set<String>> exact) {
        double total = 0;
        for (int i = 0; i < exact.size(); i++) {
            Set<String> hit = new HashSet<>(found.get(i));
            hit.retainAll(exact.get(i));
            total += hit.size() / (double) exact.get(i).size();
        }
        return total / exact.size();
    }

    /**
     * {@code count} filler chunks: an invented account (name, industry, region) followed by two to four sentences of
     * the knowledge base's prose drawn at random, so every chunk is a different text on the knowledge base's topics.
     */
    private static List<String> fillerTexts(Path kbRoot, Random random, int count) throws Exception {
        List<String> sentences = new ArrayList<>();
        try (var files = Files.walk(kbRoot)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(p)) {
                    String prose = line.strip();
                    if (prose.startsWith("#") || prose.startsWith("|") || prose.startsWith("```")) {
                        continue;
                    }
                    for (String sentence : prose.replaceFirst("^[-*] ", "").split("(?<=[.!?])\\s+")) {
                        if (sentence.length() >= 30 && sentence.length() <= 300) {
                            sentences.add(sentence);
                        }
                    }
                }
            }
        }
        if (sentences.size() < 100) {
            throw new IllegalStateException("the knowledge base has only " + sentences.size() + " usable sentences");
        }
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder t = new StringBuilder()
                    .append(NAME_PARTS[random.nextInt(NAME_PARTS.length)])
                    .append(NAME_ENDS[random.nextInt(NAME_ENDS.length)])
                    .append(' ')
                    .append(INDUSTRIES[random.nextInt(INDUSTRIES.length)])
                    .append(", ")
                    .append(REGIONS[random.nextInt(REGIONS.length)])
                    .append(". ");
            for (int n = 2 + random.nextInt(3); n > 0; n--) {
                t.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
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
