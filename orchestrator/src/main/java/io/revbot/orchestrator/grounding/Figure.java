package io.revbot.orchestrator.grounding;

/**
 * A figure as it is written in an answer.
 *
 * @param text the figure as written ({@code $1.2M}, {@code 35 %}, {@code Dec 31})
 * @param start offset of its first character in the answer (UTF-16 code units, as Java and JavaScript count)
 * @param end offset just past its last character
 */
public record Figure(String text, FigureKind kind, int start, int end) {}
