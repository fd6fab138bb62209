package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.knowledge.KnowledgeHit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The retrieval test set ({@code retrieval/questions.yaml}) against the real knowledge base, embedded with the real
 * in-process MiniLM model: the expected document must be in the top 5. Reports the hit rate of each search mode;
 * hybrid must reach 0.9.
 */
class RetrievalQualityTest {
    record Question(String question, String expect) {}

    private static InMemoryKnowledgeStore store;
    private static Embedder embedder;
    private static List<Question> questions;

    @BeforeAll
    static void ingestTheKnowledgeBase() {
        embedder = Embedder.miniLm();
        store = InMemoryKnowledgeStore.transientStore();
        IngestSummary summary = new KnowledgeIngestor(
                        knowledgeBase(), new Chunker(ChunkingOptions.DEFAULT), embedder, store)
                .sync(false, IngestProgress.NONE);
        System.out.println("retrieval test set: " + summary.line());
        questions = load();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theTestSetHasAtLeastFortyQuestionsWhoseDocumentsExist() {
        assertThat(questions).hasSizeGreaterThanOrEqualTo(40);
        for (Question q : questions) {
            assertThat(knowledgeBase().resolve(q.expect())).as(q.question()).exists();
        }
    }

    @Test
    void hybridSearchFindsTheExpectedDocumentInTheTopFiveForNineQuestionsInTen() {
        Map<HybridKnowledgeSearch.Mode, Double> rates = new EnumMap<>(HybridKnowledgeSearch.Mode.class);
        Map<HybridKnowledgeSearch.Mode, Double> firsts = new EnumMap<>(HybridKnowledgeSearch.Mode.class);
        Map<HybridKnowledgeSearch.Mode, Double> reciprocalRanks = new EnumMap<>(HybridKnowledgeSearch.Mode.class);
        List<String> hybridMisses = new ArrayList<>();
        for (HybridKnowledgeSearch.Mode mode : HybridKnowledgeSearch.Mode.values()) {
            HybridKnowledgeSearch search = new HybridKnowledgeSearch(store, embedder, mode);
            int hits = 0;
            int first = 0;
            double reciprocal = 0;
            for (Question q : questions) {
                List<String> top = search.search(q.question(), 5, Optional.empty()).stream()
                        .map(KnowledgeHit::document)
                        .toList();
                int rank = top.indexOf(q.expect()) + 1;
                if (rank > 0) {
                    hits++;
                    first += rank == 1 ? 1 : 0;
                    reciprocal += 1.0 / rank;
                } else if (mode == HybridKnowledgeSearch.Mode.HYBRID) {
                    hybridMisses.add(q.question() + " -> " + top);
                }
            }
            rates.put(mode, (double) hits / questions.size());
            firsts.put(mode, (double) first / questions.size());
            reciprocalRanks.put(mode, reciprocal / questions.size());
        }
        System.out.printf(
                "retrieval over %d questions (hit rate @5 / first place / mean reciprocal rank @5):%n"
                        + "  hybrid %.3f / %.3f / %.3f; vector-only %.3f / %.3f / %.3f; keyword-only %.3f / %.3f / %.3f%n",
                questions.size(),
                rates.get(HybridKnowledgeSearch.Mode.HYBRID),
                firsts.get(HybridKnowledgeSearch.Mode.HYBRID),
                reciprocalRanks.get(HybridKnowledgeSearch.Mode.HYBRID),
                rates.get(HybridKnowledgeSearch.Mode.VECTOR),
                firsts.get(HybridKnowledgeSearch.Mode.VECTOR),
                reciprocalRanks.get(HybridKnowledgeSearch.Mode.VECTOR),
                rates.get(HybridKnowledgeSearch.Mode.KEYWORD),
                firsts.get(HybridKnowledgeSearch.Mode.KEYWORD),
                reciprocalRanks.get(HybridKnowledgeSearch.Mode.KEYWORD));
        hybridMisses.forEach(m -> System.out.println("  hybrid miss: " + m));
        assertThat(rates.get(HybridKnowledgeSearch.Mode.HYBRID)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void exactIdentifiersComeFirst() {
        HybridKnowledgeSearch search = new HybridKnowledgeSearch(store, embedder, HybridKnowledgeSearch.Mode.HYBRID);
        assertThat(search.search("gong__call_highlights_next_steps", 1, Optional.empty())
                        .get(0)
                        .document())
                .startsWith("schema/gong_call_f.md");
        assertThat(search.search("MEDDPICC", 5, Optional.of("workflows")))
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.document()).startsWith("workflows/"));
    }

    static Path knowledgeBase() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.isDirectory(p.resolve("knowledge_base"))) {
                return p.resolve("knowledge_base");
            }
        }
        throw new IllegalStateException("no knowledge_base/ above the working directory");
    }

    @SuppressWarnings("unchecked")
    private static List<Question> load() {
        List<Map<String, String>> rows =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(Fixtures.read("retrieval/questions.yaml"));
        return rows.stream()
                .map(r -> new Question(r.get("question"), r.get("expect")))
                .toList();
    }
}
