package io.revbot.ingest;

import io.revbot.tools.knowledge.KnowledgeHit;
import io.revbot.tools.knowledge.KnowledgeSearch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The knowledge search the agents use: vector similarity and keyword match over the same store, fused by reciprocal
 * rank (each list contributes {@code 1 / (60 + rank)}). Vectors find paraphrases ("how much is the deal worth per
 * year"); keywords find exact terms ({@code gong__call_highlights_next_steps}, {@code MEDDPICC}). Scores are scaled so
 * that a chunk ranked first by both searches scores 1.0. {@link Mode#VECTOR} and {@link Mode#KEYWORD} exist to
 * measure each half alone.
 */
public final class HybridKnowledgeSearch implements KnowledgeSearch {
    static final int RRF_K = 60;
    static final int MIN_CANDIDATES = 20;

    public enum Mode {
        HYBRID,
        VECTOR,
        KEYWORD
    }

    private final KnowledgeStore store;
    private final Embedder embedder;
    private final Mode mode;

    public HybridKnowledgeSearch(KnowledgeStore store, Embedder embedder, Mode mode) {
        this.store = Objects.requireNonNull(store, "store");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    @Override
    public List<KnowledgeHit> search(String query, int k, Optional<String> folder) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        int candidates = Math.max(k * 4, MIN_CANDIDATES);
        List<ScoredChunk> vector = mode == Mode.KEYWORD
                ? List.of()
                : store.nearest(embedder.embed(query), mode == Mode.VECTOR ? k : candidates, folder);
        List<ScoredChunk> keyword =
                mode == Mode.VECTOR ? List.of() : store.keyword(query, mode == Mode.KEYWORD ? k : candidates, folder);
        if (mode != Mode.HYBRID) {
            return (mode == Mode.VECTOR ? vector : keyword)
                    .stream().map(HybridKnowledgeSearch::hit).toList();
        }
        Map<UUID, Double> fused = new HashMap<>();
        Map<UUID, Chunk> chunks = new HashMap<>();
        addRanks(vector, fused, chunks);
        addRanks(keyword, fused, chunks);
        double best = 2.0 / (RRF_K + 1);
        return fused.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed())
                .limit(k)
                .map(e -> {
                    Chunk c = chunks.get(e.getKey());
                    return new KnowledgeHit(c.document(), c.headingPath(), c.text(), e.getValue() / best);
                })
                .toList();
    }

    private static void addRanks(List<ScoredChunk> ranked, Map<UUID, Double> fused, Map<UUID, Chunk> chunks) {
        for (int i = 0; i < ranked.size(); i++) {
            Chunk c = ranked.get(i).chunk();
            fused.merge(c.id(), 1.0 / (RRF_K + i + 1), Double::sum);
            chunks.putIfAbsent(c.id(), c);
        }
    }

    private static KnowledgeHit hit(ScoredChunk s) {
        return new KnowledgeHit(
                s.chunk().document(), s.chunk().headingPath(), s.chunk().text(), s.score());
    }
}
