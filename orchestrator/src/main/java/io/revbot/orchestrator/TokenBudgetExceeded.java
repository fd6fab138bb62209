package io.revbot.orchestrator;

import java.util.Locale;

/**
 * The run used more tokens than its budget ({@code REVBOT_TOKEN_BUDGET}) allows. Every kind counts (input, output,
 * cache reads, cache writes); {@link #tokenKind()} is the kind that took the most of the call that went over.
 */
public final class TokenBudgetExceeded extends RunException {
    private final transient TokenUsage used;
    private final TokenUsage.Kind kind;

    public TokenBudgetExceeded(long budget, TokenUsage used, TokenUsage lastCall) {
        super(FailureKind.TOKEN_BUDGET, message(budget, used, lastCall.largest()));
        this.used = used;
        this.kind = lastCall.largest();
    }

    public TokenUsage used() {
        return used;
    }

    /** The kind that pushed the run over its budget. */
    public TokenUsage.Kind tokenKind() {
        return kind;
    }

    private static String message(long budget, TokenUsage used, TokenUsage.Kind kind) {
        return String.format(
                Locale.ROOT,
                "This question needed more work than one answer may use: %d tokens against a budget of %d"
                        + " (REVBOT_TOKEN_BUDGET), %s pushed it over (input %d, output %d, cache_read %d,"
                        + " cache_write %d). Try a narrower question.",
                used.total(),
                budget,
                kind.label(),
                used.input(),
                used.output(),
                used.cacheRead(),
                used.cacheWrite());
    }
}
