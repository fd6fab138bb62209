package io.revbot.orchestrator.grounding;

/** A figure of the answer and where it comes from; {@code trace} is null when it could not be traced. */
public record CheckedFigure(Figure figure, Trace trace) {
    public boolean traced() {
        return trace != null;
    }
}
