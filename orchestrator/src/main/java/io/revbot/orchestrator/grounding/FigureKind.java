package io.revbot.orchestrator.grounding;

/** What a figure of an answer states. */
public enum FigureKind {
    /** An amount with a currency or a K/M/B scale: {@code $1.2M}, {@code €750K}, {@code 2.5M}. */
    MONEY,
    /** {@code 35 %}, {@code 0.5 percent}, {@code 3 pp}. */
    PERCENT,
    /** {@code 4.7x}, {@code 2.1×}. */
    MULTIPLE,
    /** A score on a scale: {@code 72/100}, {@code 7 out of 10}. */
    SCORE,
    /** {@code 2026-12-31}, {@code Dec 31}, {@code 31 December 2026}. */
    DATE,
    /** Any other number: counts, days, plain values. */
    NUMBER
}
