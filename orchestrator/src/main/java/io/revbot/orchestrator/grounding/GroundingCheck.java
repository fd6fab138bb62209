package io.revbot.orchestrator.grounding;

import io.revbot.orchestrator.grounding.FigureExtractor.Reading;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the figures of an answer against an {@link EvidenceIndex}. A number is traced when a tool returned a value
 * the figure is a rounding or truncation of at its written precision: {@code $1.2M} covers [1,150,000, 1,300,000),
 * {@code 38 %} covers [37.5, 39) and the ratios [0.375, 0.39); every reading of an ambiguous figure is tried
 * ({@code 1,234}). Signs are ignored ("down 12 %" quotes a change of -12). A date is traced by the same day, and a
 * date without a year by any year's. The run context traces dates and day counts only ("37 days left", "day 55").
 * What is left may still be plain arithmetic of traced figures ({@link Arithmetic}). Pure, so the same answer and
 * index always give the same result.
 */
public final class GroundingCheck {
    private GroundingCheck() {}

    /** The figures of {@code answer}, in order, each traced to {@code evidence} or not. */
    public static List<CheckedFigure> check(String answer, EvidenceIndex evidence) {
        List<Reading> readings = FigureExtractor.extract(answer);
        Trace[] traces = new Trace[readings.size()];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = direct(readings.get(i), evidence);
        }
        Arithmetic.derive(readings, traces);
        List<CheckedFigure> out = new ArrayList<>(traces.length);
        for (int i = 0; i < traces.length; i++) {
            out.add(new CheckedFigure(readings.get(i).figure(), traces[i]));
        }
        return out;
    }

    private static Trace direct(Reading r, EvidenceIndex evidence) {
        if (r.isDate()) {
            for (LocalDate date : r.dates()) {
                ToolOutput source = evidence.findDate(date);
                if (source != null) {
                    return found(source);
                }
            }
            ToolOutput source = r.monthDay() == null ? null : evidence.findMonthDay(r.monthDay());
            return source == null ? null : found(source);
        }
        boolean percent = r.figure().kind() == FigureKind.PERCENT;
        boolean context = r.figure().kind() == FigureKind.NUMBER && r.dayCount();
        for (int k = 0; k < r.values().length; k++) {
            double v = r.values()[k];
            double u = r.units()[k];
            ToolOutput source = evidence.findNumber(low(v, u, 0), high(v, u, 0), context);
            if (source == null && percent) {
                source = evidence.findNumber(low(v / 100, u / 100, 0), high(v / 100, u / 100, 0), false);
            }
            if (source != null) {
                return found(source);
            }
        }
        return null;
    }

    /** The lowest value a writer rounds to {@code v} at unit {@code u}, less any slack. */
    static double low(double v, double u, double slack) {
        return v - u / 2 - slack - epsilon(v);
    }

    /**
     * Just above the highest value a writer rounds or truncates to {@code v} at unit {@code u}, plus any slack: the
     * bound itself is excluded ({@code 12} does not cover 13), less a hair that never eats into the unit.
     */
    static double high(double v, double u, double slack) {
        return v + u + slack - Math.min(epsilon(v), u * 1e-6);
    }

    /** Twice what the index loses of a value (2^-40 of it), so a value is never missed for its storage. */
    private static double epsilon(double v) {
        return Math.max(1e-12, Math.abs(v) * 0x1p-39);
    }

    private static Trace found(ToolOutput source) {
        return new Trace.Found(source.tool(), source.callId());
    }
}
