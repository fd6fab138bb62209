package io.revbot.orchestrator;

import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Tokens of one model call or a sum of calls, in four kinds, each priced differently by the provider: {@code input}
 * is the uncached input, {@code cacheRead} the input read from the prompt cache, {@code cacheWrite} the input written
 * to it. Cache figures are zero where the provider reports none.
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    /** The four kinds, as the budget error, the export and the metrics name them. */
    public enum Kind {
        INPUT,
        OUTPUT,
        CACHE_READ,
        CACHE_WRITE;

        /** {@code input}, {@code output}, {@code cache_read}, {@code cache_write}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                input + other.input, output + other.output, cacheRead + other.cacheRead, cacheWrite + other.cacheWrite);
    }

    public long of(Kind kind) {
        return switch (kind) {
            case INPUT -> input;
            case OUTPUT -> output;
            case CACHE_READ -> cacheRead;
            case CACHE_WRITE -> cacheWrite;
        };
    }

    /** Every token of every kind: what the run's budget counts. */
    public long total() {
        return input + output + cacheRead + cacheWrite;
    }

    /** The input the model was sent, cached or not. */
    public long inputSent() {
        return input + cacheRead + cacheWrite;
    }

    /** The kind with the most tokens (input on a tie). */
    public Kind largest() {
        return Stream.of(Kind.values())
                .max(Comparator.comparingLong(this::of)
                        .thenComparing(Comparator.<Kind>naturalOrder().reversed()))
                .orElseThrow();
    }
}
