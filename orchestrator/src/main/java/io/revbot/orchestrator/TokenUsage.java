package io.revbot.orchestrator;

/** Tokens of one model call or a sum of calls. Cache figures are zero where the provider reports none. */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                input + other.input, output + other.output, cacheRead + other.cacheRead, cacheWrite + other.cacheWrite);
    }

    public long total() {
        return input + output;
    }
}
