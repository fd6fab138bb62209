package io.revbot.orchestrator.grounding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of the grounding check of one answer: every figure of the delivered answer (before the note naming the
 * untraced ones, which is appended after its last figure) and where each comes from.
 *
 * @param policy the policy the answer was checked under
 * @param figures the answer's figures in order, traced or not
 * @param repaired whether the writer was given a turn to correct untraced figures (policy {@code repair})
 */
public record Grounding(GroundingPolicy policy, List<CheckedFigure> figures, boolean repaired) {
    public Grounding {
        Objects.requireNonNull(policy, "policy");
        figures = List.copyOf(figures);
    }

    public int figureCount() {
        return figures.size();
    }

    public int tracedCount() {
        return (int) figures.stream().filter(CheckedFigure::traced).count();
    }

    /** The untraced figures as written, each once, in order of first appearance. */
    public List<String> untraced() {
        Set<String> out = new LinkedHashSet<>();
        figures.stream()
                .filter(f -> !f.traced())
                .forEach(f -> out.add(f.figure().text()));
        return List.copyOf(out);
    }

    /** The share of figures traced; 1 when the answer states none. */
    public double tracedShare() {
        return figures.isEmpty() ? 1.0 : (double) tracedCount() / figures.size();
    }
}
