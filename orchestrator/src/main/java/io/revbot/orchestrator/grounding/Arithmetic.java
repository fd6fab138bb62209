package io.revbot.orchestrator.grounding;

import io.revbot.orchestrator.grounding.FigureExtractor.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures that are plain arithmetic of two traced figures: a sum or difference of two amounts, counts or percentages
 * (percentage points); a ratio of two amounts or counts as a multiple ({@code 2.1x}), as a share ({@code 35 %}) or as
 * a relative change ({@code up 12 %}); an amount per count ({@code $120K per deal}). Operands are the figures traced
 * directly (never derived ones) of the same paragraph, or of the whole answer when it has at most
 * {@value #WHOLE_ANSWER_OPERANDS} of them. Kinds must agree, and the written operands' own rounding widens the
 * tolerance (a count written in full is exact). Staying local keeps a long answer's hundreds of figures from
 * "explaining" any number by accident; of all explanations within tolerance the closest is named.
 */
final class Arithmetic {
    static final int WHOLE_ANSWER_OPERANDS = 16;
    private static final int MAX_OPERANDS = 48;

    private record Operand(String text, FigureKind kind, double value, double unit, int paragraph) {}

    private Arithmetic() {}

    static void derive(List<Reading> readings, Trace[] traces) {
        List<Operand> traced = new ArrayList<>();
        for (int i = 0; i < traces.length; i++) {
            Reading r = readings.get(i);
            if (traces[i] != null && !r.isDate() && r.values().length > 0) {
                traced.add(new Operand(
                        r.figure().text(),
                        operandKind(r.figure().kind()),
                        r.values()[0],
                        roundingOf(r),
                        r.paragraph()));
            }
        }
        boolean wholeAnswer = traced.size() <= WHOLE_ANSWER_OPERANDS;
        for (int i = 0; i < traces.length; i++) {
            Reading r = readings.get(i);
            if (traces[i] != null || r.isDate() || r.figure().kind() == FigureKind.SCORE) {
                continue;
            }
            List<Operand> operands = new ArrayList<>();
            for (Operand o : traced) {
                if ((wholeAnswer || o.paragraph == r.paragraph()) && operands.size() < MAX_OPERANDS) {
                    operands.add(o);
                }
            }
            traces[i] = derive(r, operands);
        }
    }

    /** How far the written operand may be from the value it stands for: none for a count written in full. */
    private static double roundingOf(Reading r) {
        boolean count = r.figure().kind() == FigureKind.NUMBER && r.units()[0] == 1 && r.values()[0] < 1000;
        return count ? 0 : r.units()[0];
    }

    /** Scores take part as plain numbers ("7 of 10 points"). */
    private static FigureKind operandKind(FigureKind kind) {
        return kind == FigureKind.SCORE ? FigureKind.NUMBER : kind;
    }

    /** The closest explanation of {@code target} (relative to its tolerance), or null when none is within it. */
    private static Trace derive(Reading target, List<Operand> operands) {
        FigureKind kind = target.figure().kind();
        Best best = new Best();
        for (int k = 0; k < target.values().length; k++) {
            double v = target.values()[k];
            double u = target.units()[k];
            for (Operand a : operands) {
                for (Operand b : operands) {
                    if (a != b) {
                        best.a = a;
                        best.b = b;
                        operations(kind, a, b, v, u, best);
                    }
                }
            }
        }
        return best.operation == null
                ? null
                : new Trace.Derived(best.operation, List.of(best.bestA.text, best.bestB.text));
    }

    /** The best explanation so far, and the pair being tried. */
    private static final class Best {
        Operand a;
        Operand b;
        Operand bestA;
        Operand bestB;
        String operation;
        double distance = Double.MAX_VALUE;

        void offer(String name, double computed, double v, double u, double slack) {
            if (computed < GroundingCheck.low(v, u, slack) || computed >= GroundingCheck.high(v, u, slack)) {
                return;
            }
            double distance = Math.abs(computed - v) / (u + slack);
            if (distance < this.distance) {
                this.distance = distance;
                operation = name;
                bestA = a;
                bestB = b;
            }
        }
    }

    /** Offers each operation of {@code a} and {@code b} that the kinds allow. */
    private static void operations(FigureKind kind, Operand a, Operand b, double v, double u, Best best) {
        boolean same = a.kind == b.kind;
        double sumSlack = (a.unit + b.unit) / 2;
        switch (kind) {
            case MONEY, NUMBER -> {
                if (same && a.kind == kind) {
                    best.offer("sum", a.value + b.value, v, u, sumSlack);
                    if (a.value > b.value) {
                        best.offer("difference", a.value - b.value, v, u, sumSlack);
                    }
                }
                if (b.kind == FigureKind.NUMBER && a.kind == kind && b.value != 0) {
                    best.offer("ratio", a.value / b.value, v, u, ratioSlack(a, b));
                }
            }
            case PERCENT -> {
                if (same && a.kind == FigureKind.PERCENT) {
                    best.offer("sum", a.value + b.value, v, u, sumSlack);
                    if (a.value > b.value) {
                        best.offer("difference", a.value - b.value, v, u, sumSlack);
                    }
                } else if (same && isAmount(a.kind) && b.value != 0) {
                    best.offer("share", a.value / b.value * 100, v, u, ratioSlack(a, b) * 100);
                    best.offer("change", Math.abs(a.value - b.value) / b.value * 100, v, u, changeSlack(a, b) * 100);
                }
            }
            case MULTIPLE -> {
                if (same && isAmount(a.kind) && b.value != 0) {
                    best.offer("ratio", a.value / b.value, v, u, ratioSlack(a, b));
                }
            }
            case SCORE, DATE -> {}
        }
    }

    private static boolean isAmount(FigureKind kind) {
        return kind == FigureKind.MONEY || kind == FigureKind.NUMBER;
    }

    private static double ratioSlack(Operand a, Operand b) {
        double ratio = a.value / b.value;
        return ratio * (a.unit / (2 * Math.abs(a.value)) + b.unit / (2 * Math.abs(b.value)));
    }

    private static double changeSlack(Operand a, Operand b) {
        double difference = Math.abs(a.value - b.value);
        return (a.unit + b.unit) / (2 * Math.abs(b.value)) + difference / b.value * b.unit / (2 * Math.abs(b.value));
    }
}
