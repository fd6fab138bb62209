package io.revbot.orchestrator.grounding;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates as written: ISO ({@code 2026-12-31}, with or without a time), numeric ({@code 12/31/2026} and
 * {@code 31/12/2026} both read when both are valid, {@code 31.12.2026}), and with month names ({@code Dec 31},
 * {@code December 31st, 2026}, {@code 31 December 2026}). A month with only a year ({@code December 2026}) is found
 * too but is no figure: prose says "since March 2026". One precompiled pattern, one pass.
 */
final class DateScanner {
    private static final String MONTHS = "January|February|March|April|May|June|July|August|September|October"
            + "|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
    private static final Pattern DATE = Pattern.compile("(?<![\\d./-])(?:"
            + "(?<isoY>\\d{4})(?<isoSep>[-/.])(?<isoM>\\d{1,2})\\k<isoSep>(?<isoD>\\d{1,2})"
            + "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
            + "|(?<numA>\\d{1,2})(?<numSep>[/.])(?<numB>\\d{1,2})\\k<numSep>(?<numY>\\d{4}|\\d{2})"
            + ")(?![\\d])"
            + "|\\b(?<mdM>" + MONTHS + ")\\b\\.?\\s+(?<mdD>\\d{1,2})(?:st|nd|rd|th)?(?![\\d\\p{L}])"
            + "(?:,?\\s+(?<mdY>\\d{4})(?![\\d]))?"
            + "|(?<![\\d])(?<dmD>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<dmM>" + MONTHS + ")\\b\\.?"
            + "(?:,?\\s+(?<dmY>\\d{4})(?![\\d]))?"
            + "|\\b(?<myM>" + MONTHS + ")\\b\\.?,?\\s+(?<myY>\\d{4})(?![\\d])");

    /**
     * A date as found: the dates it can be (empty for a month and year only), or the day of the year when no year is
     * written.
     */
    record Found(int start, int end, List<LocalDate> dates, MonthDay monthDay) {
        boolean isFigure() {
            return !dates.isEmpty() || monthDay != null;
        }
    }

    private DateScanner() {}

    static void scan(CharSequence text, Consumer<Found> out) {
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            Found found = found(m);
            if (found != null) {
                out.accept(found);
            }
        }
    }

    private static Found found(Matcher m) {
        List<LocalDate> dates = new ArrayList<>(2);
        MonthDay monthDay = null;
        if (m.group("isoY") != null) {
            add(dates, num(m, "isoY"), num(m, "isoM"), num(m, "isoD"));
        } else if (m.group("numA") != null) {
            int year = num(m, "numY");
            year = year < 100 ? 2000 + year : year;
            int a = num(m, "numA");
            int b = num(m, "numB");
            if (m.group("numSep").equals("/")) {
                add(dates, year, a, b);
            }
            add(dates, year, b, a);
        } else if (m.group("mdM") != null) {
            monthDay = resolve(dates, month(m.group("mdM")), num(m, "mdD"), m.group("mdY"));
        } else if (m.group("dmM") != null) {
            monthDay = resolve(dates, month(m.group("dmM")), num(m, "dmD"), m.group("dmY"));
        } else {
            return new Found(m.start(), m.end(), List.of(), null);
        }
        if (dates.isEmpty() && monthDay == null) {
            return null;
        }
        return new Found(m.start(), m.end(), List.copyOf(dates), monthDay);
    }

    private static MonthDay resolve(List<LocalDate> dates, int month, int day, String year) {
        if (year != null) {
            add(dates, Integer.parseInt(year), month, day);
            return null;
        }
        try {
            return MonthDay.of(month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void add(List<LocalDate> dates, int year, int month, int day) {
        try {
            LocalDate date = LocalDate.of(year, month, day);
            if (!dates.contains(date)) {
                dates.add(date);
            }
        } catch (DateTimeException e) {
            // not a date in this reading
        }
    }

    private static int num(Matcher m, String group) {
        return Integer.parseInt(m.group(group));
    }

    private static int month(String name) {
        return switch (name.substring(0, 3)) {
            case "Jan" -> 1;
            case "Feb" -> 2;
            case "Mar" -> 3;
            case "Apr" -> 4;
            case "May" -> 5;
            case "Jun" -> 6;
            case "Jul" -> 7;
            case "Aug" -> 8;
            case "Sep" -> 9;
            case "Oct" -> 10;
            case "Nov" -> 11;
            default -> 12;
        };
    }
}
