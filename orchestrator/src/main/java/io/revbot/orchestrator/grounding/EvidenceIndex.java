package io.revbot.orchestrator.grounding;

import io.revbot.orchestrator.grounding.NumberScanner.Token;
import io.revbot.orchestrator.grounding.NumberScanner.Unit;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every figure of a run's data tool results, indexed once per run: numbers as absolute values in one sorted
 * {@code long[]} (the value's IEEE bits, monotonic for non-negative doubles, with the low 12 mantissa bits replaced by
 * the source's index, so a range query is two binary searches and the earliest source of a value sorts first), dates
 * by day and by day of the year. A percent in a result is indexed as written and as a ratio (35 % and 0.35). The run
 * context is a source for dates and day counts only: its "day 55 of 92" says nothing about 55 deals or 92 %.
 */
public final class EvidenceIndex {
    /** 12 bits: 4,095 sources, and values kept to 2^-40 of themselves (a unit up to about a hundred billion). */
    private static final long SOURCE_BITS = 0xFFFL;

    private static final int MAX_SOURCES = (int) SOURCE_BITS;

    private final List<ToolOutput> sources;
    private final long[] numbers;
    private final Map<LocalDate, Integer> dates;
    private final Map<MonthDay, Integer> monthDays;
    private final int contextSource;

    private EvidenceIndex(Builder b) {
        this.sources = List.copyOf(b.sources);
        long[] sorted = Arrays.copyOf(b.numbers, b.size);
        Arrays.sort(sorted);
        this.numbers = sorted;
        this.dates = Map.copyOf(b.dates);
        this.monthDays = Map.copyOf(b.monthDays);
        this.contextSource = b.contextSource;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An index of {@code outputs} only. */
    public static EvidenceIndex of(List<ToolOutput> outputs) {
        Builder b = builder();
        outputs.forEach(b::add);
        return b.build();
    }

    /** The dates and numbers of one output, found once and never changed after: reusable across runs and threads. */
    public static final class Scanned {
        private final ToolOutput output;
        private final List<DateScanner.Found> dates;
        private final List<Token> numbers;

        private Scanned(ToolOutput output, List<DateScanner.Found> dates, List<Token> numbers) {
            this.output = output;
            this.dates = List.copyOf(dates);
            this.numbers = List.copyOf(numbers);
        }

        public ToolOutput output() {
            return output;
        }
    }

    /** Finds the dates and numbers of {@code output} (ranges such as "35-40 %" share their unit). */
    public static Scanned scan(ToolOutput output) {
        String text = output.text();
        List<DateScanner.Found> dates = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        NumberScanner.scan(text.toCharArray(), new NumberScanner.Sink() {
            @Override
            public void date(DateScanner.Found found) {
                dates.add(found);
            }

            @Override
            public void number(Token token) {
                tokens.add(token);
            }
        });
        FigureExtractor.shareRanges(text, tokens);
        return new Scanned(output, dates, tokens);
    }

    /** How many numbers are indexed (each reading of each number). */
    public int size() {
        return numbers.length;
    }

    /** The earliest source holding a number in {@code [lo, hi)}, the run context only when asked; or null. */
    ToolOutput findNumber(double lo, double hi, boolean includeContext) {
        long from = Double.doubleToRawLongBits(Math.max(lo, 0d)) & ~SOURCE_BITS;
        int i = Arrays.binarySearch(numbers, from);
        i = i >= 0 ? i : -i - 1;
        ToolOutput best = null;
        int bestSource = Integer.MAX_VALUE;
        for (; i < numbers.length; i++) {
            double value = Double.longBitsToDouble(numbers[i] & ~SOURCE_BITS);
            if (value >= hi) {
                break;
            }
            int source = (int) (numbers[i] & SOURCE_BITS);
            if (source < bestSource && (includeContext || source != contextSource)) {
                bestSource = source;
                best = sources.get(source);
                if (source == 0) {
                    break;
                }
            }
        }
        return best;
    }

    ToolOutput findDate(LocalDate date) {
        Integer source = dates.get(date);
        return source == null ? null : sources.get(source);
    }

    ToolOutput findMonthDay(MonthDay monthDay) {
        Integer source = monthDays.get(monthDay);
        return source == null ? null : sources.get(source);
    }

    /** Adds outputs in run order (the earliest source of a figure is the one cited). */
    public static final class Builder {
        private final List<ToolOutput> sources = new ArrayList<>();
        private long[] numbers = new long[256];
        private int size;
        private final Map<LocalDate, Integer> dates = new HashMap<>();
        private final Map<MonthDay, Integer> monthDays = new HashMap<>();
        private int contextSource = -1;

        private Builder() {}

        /** Indexes one tool result; beyond 4,095 sources the rest are ignored. */
        public Builder add(ToolOutput output) {
            return add(scan(output));
        }

        /** Indexes a result scanned before (the run context, which changes once a minute, is scanned once). */
        public Builder add(Scanned scanned) {
            if (sources.size() >= MAX_SOURCES) {
                return this;
            }
            int source = sources.size();
            sources.add(scanned.output());
            if (scanned.output().tool().equals(ToolOutput.RUN_CONTEXT)) {
                contextSource = source;
            }
            for (DateScanner.Found found : scanned.dates) {
                for (LocalDate date : found.dates()) {
                    dates.putIfAbsent(date, source);
                    monthDays.putIfAbsent(MonthDay.from(date), source);
                }
                if (found.monthDay() != null) {
                    monthDays.putIfAbsent(found.monthDay(), source);
                }
            }
            for (Token t : scanned.numbers) {
                number(t, source);
            }
            return this;
        }

        private void number(Token t, int source) {
            if (t.identifier) {
                return;
            }
            for (int r = 0; r < t.values.length; r++) {
                put(t.values[r], source);
                if (t.unit == Unit.PERCENT) {
                    put(t.values[r] / 100, source);
                }
            }
        }

        private void put(double value, int source) {
            if (size == numbers.length) {
                numbers = Arrays.copyOf(numbers, size * 2);
            }
            numbers[size++] = (Double.doubleToRawLongBits(Math.abs(value)) & ~SOURCE_BITS) | source;
        }

        public Builder addAll(List<ToolOutput> outputs) {
            outputs.forEach(this::add);
            return this;
        }

        public EvidenceIndex build() {
            return new EvidenceIndex(this);
        }
    }
}
