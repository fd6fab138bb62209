package io.revbot.orchestrator.grounding;

import io.revbot.orchestrator.grounding.NumberScanner.Token;
import io.revbot.orchestrator.grounding.NumberScanner.Unit;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The figures of an answer. What is <em>not</em> a figure: years in prose ({@code in 2026}), quarter and fiscal
 * period names ({@code Q4}, {@code FY26}, {@code H1 2026}, {@code '26}), a month with a year only, clock times, list
 * numbering ({@code 1.} or {@code 2)} at the start of a line), ranks ({@code #1}), citations ({@code [3]}), ordinals
 * ({@code 3rd}), identifiers ({@code OPP-0042}, {@code v2}, {@code 4G}, thirteen or more bare digits such as a call
 * id {@code 7300000000000063352}), anything in code or links, a bare single
 * digit ("the 3 deals": counts under ten are prose), and the scale of a score ({@code /100}, {@code out of 10}).
 * Ranges give two figures and share their unit ({@code 35-40 %} is 35 % and 40 %; {@code $1.2-1.5M} is $1.2M and
 * $1.5M).
 */
final class FigureExtractor {
    private static final double[] SCORE_SCALES = {5, 10, 100};
    private static final double[] NONE = {};
    /** A run of this many digits without separators is an id (a call, a record), not an amount: amounts are grouped. */
    private static final int MIN_ID_DIGITS = 13;

    /**
     * A figure of the answer with the values it can mean (absolute, scaled) and their rounding units; {@code dayCount}
     * when it counts days ("37 days", "day 55").
     */
    record Reading(
            Figure figure,
            double[] values,
            double[] units,
            List<LocalDate> dates,
            MonthDay monthDay,
            int paragraph,
            boolean dayCount) {
        boolean isDate() {
            return figure.kind() == FigureKind.DATE;
        }
    }

    private FigureExtractor() {}

    static List<Reading> extract(String text) {
        char[] buffer = text.toCharArray();
        Masks.answer(text, buffer);
        int[] paragraphs = paragraphStarts(text);
        List<Reading> out = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        NumberScanner.scan(buffer, new NumberScanner.Sink() {
            @Override
            public void date(DateScanner.Found found) {
                out.add(new Reading(
                        figure(text, found.start(), found.end(), FigureKind.DATE),
                        NONE,
                        NONE,
                        found.dates(),
                        found.monthDay(),
                        paragraph(paragraphs, found.start()),
                        false));
            }

            @Override
            public void number(Token token) {
                tokens.add(token);
            }
        });
        out.addAll(numbers(text, tokens, paragraphs));
        out.sort(Comparator.comparingInt(r -> r.figure().start()));
        return out;
    }

    /** The tokens that are figures, after ranges shared their units and scores lost their scale. */
    private static List<Reading> numbers(String text, List<Token> tokens, int[] paragraphs) {
        boolean[] score = new boolean[tokens.size()];
        boolean[] dropped = new boolean[tokens.size()];
        shareRanges(text, tokens);
        scores(text, tokens, score, dropped);
        List<Reading> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!dropped[i] && isFigure(text, t)) {
                out.add(new Reading(
                        figure(text, t.start, t.end, kind(t, score[i])),
                        t.values,
                        t.units,
                        List.of(),
                        null,
                        paragraph(paragraphs, t.start),
                        countsDays(text, t)));
            }
        }
        return out;
    }

    /** Ranges share units ({@code 35-40 %}): answers and tool results alike, so a quoted range reads the same. */
    static void shareRanges(String text, List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token a = tokens.get(i);
            Token b = tokens.get(i + 1);
            String between = between(text, Math.max(a.end, a.coreEnd), b.start);
            if (between.isEmpty() && b.negative && b.start < b.coreStart) {
                between = "-";
                b.negative = false;
                b.start = b.coreStart;
            }
            if (between.equals("-") || between.equals("–") || between.equals("—") || between.equals("to")) {
                shareUnits(a, b);
            }
        }
    }

    /** A number before {@code /} or {@code out of} is a score; the scale after it is dropped. */
    private static void scores(String text, List<Token> tokens, boolean[] score, boolean[] dropped) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token b = tokens.get(i + 1);
            String between = between(text, Math.max(tokens.get(i).end, tokens.get(i).coreEnd), b.start);
            if (between.equals("/") || between.equals("out of")) {
                score[i] = true;
                if (b.plainInteger && isScoreScale(b.values[0])) {
                    dropped[i + 1] = true;
                }
            }
        }
    }

    /**
     * The text between two numbers without its white space when it is short enough to be a connector ({@code -},
     * {@code to}, {@code out of}); empty otherwise, and when there is nothing but white space.
     */
    private static String between(String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to - from > 0 && to - from <= 6 ? text.substring(from, to) : to == from ? "" : "…";
    }

    private static void shareUnits(Token a, Token b) {
        if (a.scale == 1 && b.scale != 1 && a.unit == Unit.NONE) {
            for (int k = 0; k < a.values.length; k++) {
                a.values[k] *= b.scale;
                a.units[k] *= b.scale;
            }
            a.scale = b.scale;
            a.plainInteger = false;
        }
        if (a.unit == Unit.NONE) {
            a.unit = b.unit;
        }
        boolean currency = a.currency || b.currency;
        a.currency = currency;
        b.currency = currency;
    }

    private static boolean isScoreScale(double value) {
        for (double scale : SCORE_SCALES) {
            if (value == scale) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFigure(String text, Token t) {
        if (t.identifier || t.ordinal || t.rank || t.period) {
            return false;
        }
        boolean bare = t.plainInteger && t.unit == Unit.NONE && !t.currency;
        if (bare && t.digits == 1) {
            return false;
        }
        if (bare && t.digits == 4 && t.values[0] >= 1900 && t.values[0] <= 2100) {
            return false;
        }
        if (bare && t.digits >= MIN_ID_DIGITS) {
            return false;
        }
        if (t.start > 0
                && text.charAt(t.start - 1) == '['
                && t.coreEnd < text.length()
                && text.charAt(t.coreEnd) == ']') {
            return false;
        }
        return !(bare && isListNumber(text, t));
    }

    /** {@code 1.} or {@code 2)} first on its line (after indentation or Markdown quote and heading marks). */
    private static boolean isListNumber(String text, Token t) {
        int p = t.start - 1;
        while (p >= 0
                && (text.charAt(p) == ' '
                        || text.charAt(p) == '\t'
                        || text.charAt(p) == '#'
                        || text.charAt(p) == '>')) {
            p--;
        }
        if (p >= 0 && text.charAt(p) != '\n') {
            return false;
        }
        int e = t.coreEnd;
        return e < text.length()
                && (text.charAt(e) == '.' || text.charAt(e) == ')')
                && (e + 1 == text.length() || Character.isWhitespace(text.charAt(e + 1)));
    }

    /** {@code day 55} or {@code 37 days}. */
    private static boolean countsDays(String text, Token t) {
        int p = t.end;
        if (p < text.length() && text.charAt(p) == ' ') {
            p++;
        }
        boolean after = text.regionMatches(true, p, "day", 0, 3)
                && (p + 3 == text.length()
                        || !Character.isLetter(text.charAt(p + 3))
                        || (text.charAt(p + 3) == 's'
                                && (p + 4 == text.length() || !Character.isLetter(text.charAt(p + 4)))));
        int q = t.start - 4;
        boolean before = q >= 0
                && text.regionMatches(true, q, "day ", 0, 4)
                && (q == 0 || !Character.isLetter(text.charAt(q - 1)));
        return after || before;
    }

    private static FigureKind kind(Token t, boolean score) {
        if (t.unit == Unit.PERCENT) {
            return FigureKind.PERCENT;
        }
        if (t.unit == Unit.MULTIPLE) {
            return FigureKind.MULTIPLE;
        }
        if (score) {
            return FigureKind.SCORE;
        }
        return t.currency || t.scale != 1 ? FigureKind.MONEY : FigureKind.NUMBER;
    }

    private static Figure figure(String text, int start, int end, FigureKind kind) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new Figure(text.substring(start, end), kind, start, end);
    }

    /** Offsets where a paragraph (text after a blank line) starts; the first is 0. */
    private static int[] paragraphStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int i = text.indexOf('\n');
        while (i >= 0) {
            int j = i + 1;
            while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
                j++;
            }
            if (j < text.length() && text.charAt(j) == '\n') {
                starts.add(j + 1);
                i = text.indexOf('\n', j + 1);
            } else {
                i = text.indexOf('\n', i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int paragraph(int[] starts, int offset) {
        int index = java.util.Arrays.binarySearch(starts, offset);
        return index >= 0 ? index : -index - 2;
    }
}
