package io.revbot.tools.time;

import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quarters and fiscal years for a company whose fiscal year starts in {@code firstMonth} (January = calendar
 * quarters). Fiscal year N is named after the calendar year in which it ends, the common convention (a year
 * starting February 2026 is FY2027).
 */
public record FiscalCalendar(Month firstMonth) {

    private static final Pattern QUARTER = Pattern.compile("(?i)(?:FY)?(\\d{4})-?Q([1-4])");

    public FiscalCalendar {
        Objects.requireNonNull(firstMonth, "firstMonth");
    }

    public static FiscalCalendar calendarQuarters() {
        return new FiscalCalendar(Month.JANUARY);
    }

    /** The quarter that contains {@code date}. */
    public Quarter quarterOf(LocalDate date) {
        int offset = Math.floorMod(date.getMonthValue() - firstMonth.getValue(), 12);
        LocalDate fiscalYearStart = date.withDayOfMonth(1).minusMonths(offset);
        int fiscalYear = firstMonth == Month.JANUARY ? fiscalYearStart.getYear() : fiscalYearStart.getYear() + 1;
        int index = offset / 3 + 1;
        return quarter(fiscalYear, index);
    }

    /** Quarter {@code index} (1–4) of fiscal year {@code fiscalYear}. */
    public Quarter quarter(int fiscalYear, int index) {
        if (index < 1 || index > 4) {
            throw new IllegalArgumentException("quarter index must be 1-4, was " + index);
        }
        int startYear = firstMonth == Month.JANUARY ? fiscalYear : fiscalYear - 1;
        LocalDate start = LocalDate.of(startYear, firstMonth, 1).plusMonths(3L * (index - 1));
        return new Quarter(fiscalYear, index, start, start.plusMonths(3).minusDays(1), firstMonth != Month.JANUARY);
    }

    /** Parses {@code 2026-Q1}, {@code 2026Q1} or {@code FY2026-Q1}; {@link IllegalArgumentException} names the expected form. */
    public Quarter parse(String text) {
        Matcher m = QUARTER.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a quarter like 2026-Q1, got '" + text + "'");
        }
        return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** A fiscal or calendar quarter with inclusive start and end dates. */
    public record Quarter(int fiscalYear, int index, LocalDate start, LocalDate end, boolean fiscal) {

        /** Days from the start up to and including {@code today}, capped to the quarter's length. */
        public long daysElapsed(LocalDate today) {
            if (today.isBefore(start)) {
                return 0;
            }
            LocalDate last = today.isAfter(end) ? end : today;
            return ChronoUnit.DAYS.between(start, last) + 1;
        }

        public long lengthInDays() {
            return ChronoUnit.DAYS.between(start, end) + 1;
        }

        public boolean contains(LocalDate date) {
            return !date.isBefore(start) && !date.isAfter(end);
        }

        public Quarter previous(FiscalCalendar calendar) {
            return calendar.quarterOf(start.minusDays(1));
        }

        public Quarter next(FiscalCalendar calendar) {
            return calendar.quarterOf(end.plusDays(1));
        }

        /** {@code 2026-Q4}, or {@code FY2027-Q1} for fiscal quarters. */
        public String label() {
            return String.format(Locale.ROOT, "%s%d-Q%d", fiscal ? "FY" : "", fiscalYear, index);
        }

        @Override
        public String toString() {
            return label();
        }
    }
}
