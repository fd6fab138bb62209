package io.revbot.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * Okapi BM25 over a fixed list of chunks (k1 = 1.2, b = 0.75). Built once per change of the store; queries do not
 * lock. Each chunk is indexed with its heading path, so a heading's words count as the chunk's words.
 */
final class Bm25Index {
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    private final List<Chunk> chunks;
    private final Map<String, Map<Integer, Integer>> postings = new HashMap<>();
    private final int[] lengths;
    private final double averageLength;

    Bm25Index(List<Chunk> chunks) {
        this.chunks = List.copyOf(chunks);
        this.lengths = new int[chunks.size()];
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            List<String> tokens = Tokenizer.tokens(chunks.get(i).embeddingText());
            lengths[i] = tokens.size();
            total += tokens.size();
            for (String token : tokens) {
                postings.computeIfAbsent(token, t -> new HashMap<>()).merge(i, 1, Integer::sum);
            }
        }
        this.averageLength = chunks.isEmpty() ? 1 : Math.max(1.0, (double) total / chunks.size());
    }

    List<ScoredChunk> search(String query, int k, Optional<String> folder) {
        IntPredicate inFolder = folder.<IntPredicate>map(
                        f -> i -> chunks.get(i).folder().equals(f))
                .orElse(i -> true);
        double[] scores = new double[chunks.size()];
        boolean[] matched = new boolean[chunks.size()];
        int n = chunks.size();
        for (String term : Tokenizer.tokens(query).stream().distinct().toList()) {
            Map<Integer, Integer> posting = postings.get(term);
            if (posting == null) {
                continue;
            }
            double idf = Math.log(1 + (n - posting.size() + 0.5) / (posting.size() + 0.5));
            for (Map.Entry<Integer, Integer> e : posting.entrySet()) {
                int doc = e.getKey();
                if (!inFolder.test(doc)) {
                    continue;
                }
                double tf = e.getValue();
                scores[doc] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[doc] / averageLength));
                matched[doc] = true;
            }
        }
        // Top k with a bounded min-heap (ties: lower index first, so results are stable).
        PriorityQueue<Integer> best = new PriorityQueue<>(
                Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparing(Comparator.reverseOrder()));
        for (int doc = 0; doc < n; doc++) {
            if (!matched[doc]) {
                continue;
            }
            best.add(doc);
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Integer> order = new ArrayList<>(best);
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(Comparator.naturalOrder()));
        List<ScoredChunk> hits = new ArrayList<>(order.size());
        for (int doc : order) {
            hits.add(new ScoredChunk(chunks.get(doc), scores[doc]));
        }
        return hits;
    }
}
