package io.revbot.orchestrator.models;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The minimum cacheable prefix of each Claude model family, in tokens: a cache point whose prefix is shorter caches
 * nothing (the request still succeeds). A family matches every model id that contains its key (Bedrock ids carry
 * region prefixes and version suffixes); the longest key wins. Sources and the date they were read:
 * {@code docs/decisions/0018-cache-points.md}.
 */
final class CacheMinimums {

    /** The minimum of a model, and the family it was found under ({@code unknown} when none matched). */
    record Minimum(String family, int tokens) {}

    /** Assumed for a model id no family matches (an inference-profile ARN, a new model): the most common minimum. */
    static final Minimum UNKNOWN = new Minimum("unknown", 1_024);

    private static final Map<String, Integer> FAMILIES = families();

    private CacheMinimums() {}

    static Minimum of(String modelId) {
        if (modelId == null) {
            return UNKNOWN;
        }
        String id = modelId.toLowerCase(Locale.ROOT);
        return FAMILIES.entrySet().stream()
                .filter(e -> id.contains(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(e -> new Minimum(e.getKey(), e.getValue()))
                .orElse(UNKNOWN);
    }

    private static Map<String, Integer> families() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("claude-3-haiku", 2_048);
        m.put("claude-3-5-haiku", 2_048);
        m.put("claude-haiku-4-5", 4_096);
        m.put("claude-3-opus", 1_024);
        m.put("claude-3-5-sonnet", 1_024);
        m.put("claude-3-7-sonnet", 1_024);
        m.put("claude-sonnet-4", 1_024);
        m.put("claude-sonnet-4-5", 1_024);
        m.put("claude-sonnet-4-6", 2_048);
        m.put("claude-opus-4", 1_024);
        m.put("claude-opus-4-1", 1_024);
        m.put("claude-opus-4-5", 4_096);
        m.put("claude-opus-4-6", 4_096);
        return Map.copyOf(m);
    }
}
