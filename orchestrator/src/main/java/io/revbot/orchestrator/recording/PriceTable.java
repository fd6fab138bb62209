package io.revbot.orchestrator.recording;

import io.revbot.orchestrator.TokenUsage;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Model prices in US dollars per million tokens, looked up by model id. A key matches every model id that contains
 * it (Bedrock ids carry region prefixes and version suffixes: {@code us.anthropic.claude-sonnet-4-20250514-v1:0});
 * the longest matching key wins. Built-in list prices for Claude models; {@code REVBOT_MODEL_PRICES} adds or
 * overrides entries as {@code key=input/output[/cacheRead/cacheWrite]}, comma-separated.
 */
public final class PriceTable {

    /** Dollars per million tokens of each kind. */
    public record Price(double input, double output, double cacheRead, double cacheWrite) {
        double cost(TokenUsage usage) {
            return (usage.input() * input
                            + usage.output() * output
                            + usage.cacheRead() * cacheRead
                            + usage.cacheWrite() * cacheWrite)
                    / 1_000_000d;
        }
    }

    private static final Map<String, Price> BUILT_IN = listPrices();

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The built-in Claude list prices. */
    public static PriceTable builtIn() {
        return new PriceTable(BUILT_IN);
    }

    /** The built-in prices plus (and overridden by) {@code spec}; throws {@link IllegalArgumentException} on a bad spec. */
    public static PriceTable withOverrides(String spec) {
        Map<String, Price> merged = new LinkedHashMap<>(BUILT_IN);
        if (spec != null) {
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "expected key=input/output[/cacheRead/cacheWrite], got '" + entry.trim() + "'");
                }
                String key = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String[] parts = entry.substring(eq + 1).trim().split("/");
                if (parts.length != 2 && parts.length != 4) {
                    throw new IllegalArgumentException(
                            "price for '" + key + "' needs 2 or 4 numbers (input/output[/cacheRead/cacheWrite])");
                }
                try {
                    double in = Double.parseDouble(parts[0]);
                    double out = Double.parseDouble(parts[1]);
                    double read = parts.length == 4 ? Double.parseDouble(parts[2]) : in * 0.1;
                    double write = parts.length == 4 ? Double.parseDouble(parts[3]) : in * 1.25;
                    if (in < 0 || out < 0 || read < 0 || write < 0) {
                        throw new NumberFormatException();
                    }
                    merged.put(key, new Price(in, out, read, write));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("price for '" + key + "' must be non-negative numbers");
                }
            }
        }
        return new PriceTable(merged);
    }

    public Optional<Price> priceOf(String modelId) {
        if (modelId == null) {
            return Optional.empty();
        }
        String id = modelId.toLowerCase(Locale.ROOT);
        return prices.entrySet().stream()
                .filter(e -> id.contains(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** The estimated cost of {@code usage} on {@code modelId}, empty when the model has no price. */
    public Optional<Double> cost(String modelId, TokenUsage usage) {
        return priceOf(modelId).map(p -> p.cost(usage));
    }

    private static Map<String, Price> listPrices() {
        Map<String, Price> m = new LinkedHashMap<>();
        m.put("claude-3-haiku", new Price(0.25, 1.25, 0.03, 0.30));
        m.put("claude-3-5-haiku", new Price(0.80, 4, 0.08, 1.00));
        m.put("claude-haiku-4-5", new Price(1, 5, 0.10, 1.25));
        m.put("claude-3-5-sonnet", new Price(3, 15, 0.30, 3.75));
        m.put("claude-3-7-sonnet", new Price(3, 15, 0.30, 3.75));
        m.put("claude-sonnet-4", new Price(3, 15, 0.30, 3.75));
        m.put("claude-3-opus", new Price(15, 75, 1.50, 18.75));
        m.put("claude-opus-4", new Price(15, 75, 1.50, 18.75));
        m.put("claude-opus-4-5", new Price(5, 25, 0.50, 6.25));
        return m;
    }
}
