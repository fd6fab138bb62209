package io.revbot.orchestrator.grounding;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises a date where a run of digits starts: ISO ({@code 2026-12-31}, {@code 2026/12/31}, with or without a
 * time and zone), numeric ({@code 12/31/2026} and {@code 31/12/2026} both read when both are valid, {@code 31.12.2026},
 * {@code 12/31/26}), and with an English month name before or after the day ({@code Dec 31}, {@code December 31st,
 * 2026}, {@code 31 December 2026}, {@code 31st of Dec}). Month names are capitalised, so the verb "may" is no month.
 * Hand-written and called only at digits, because it runs over every tool result of a run.
 */
final class DateScanner {
    private static final String[] MONTHS = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };

    /**
     * A date as found at {@code [start, end)}: the dates it can be, or the day of the year when no year is written.
     */
    record Found(int start, int end, List<LocalDate> dates, MonthDay monthDay) {}

    private DateScanner() {}

    /** The date that the digit run at {@code i} belongs to, or null. */
    static Found at(char[] s, int i) {
        int run = digits(s, i);
        char before = i > 0 ? s[i - 1] : ' ';
        boolean clear = !isDigit(before) && before != '.' && before != '/' && before != '-';
        if (clear && run == 4) {
            Found iso = iso(s, i);
            if (iso != null) {
                return iso;
            }
        }
        if (clear && run <= 2) {
            Found numeric = numeric(s, i, run);
            if (numeric != null) {
                return numeric;
            }
        }
        if (run <= 2 && !isDigit(before)) {
            Found named = monthFirst(s, i, run);
            return named != null ? named : dayFirst(s, i, run);
        }
        return null;
    }

    /** {@code yyyy-mm-dd} (or with {@code /} or {@code .}), then an optional time and zone. */
    private static Found iso(char[] s, int i) {
        int p = i + 4;
        if (p >= s.length || (s[p] != '-' && s[p] != '/' && s[p] != '.')) {
            return null;
        }
        char sep = s[p];
        int monthDigits = digits(s, p + 1);
        int q = p + 1 + monthDigits;
        if (monthDigits < 1 || monthDigits > 2 || q >= s.length || s[q] != sep) {
            return null;
        }
        int dayDigits = digits(s, q + 1);
        int end = q + 1 + dayDigits;
        if (dayDigits < 1 || dayDigits > 2) {
            return null;
        }
        List<LocalDate> dates = new ArrayList<>(1);
        add(dates, number(s, i, 4), number(s, p + 1, monthDigits), number(s, q + 1, dayDigits));
        return dates.isEmpty() ? null : new Found(i, time(s, end), dates, null);
    }

    /** {@code T09:30}, {@code  09:30:00.123Z}, {@code +01:00} after an ISO date; returns where it ends. */
    private static int time(char[] s, int end) {
        if (end >= s.length || (s[end] != 'T' && s[end] != ' ')) {
            return end;
        }
        int p = end + 1;
        int h = digits(s, p);
        if (h < 1 || h > 2 || p + h >= s.length || s[p + h] != ':' || digits(s, p + h + 1) != 2) {
            return end;
        }
        p += h + 3;
        while (p < s.length && (s[p] == ':' || s[p] == '.' || isDigit(s[p]))) {
            p++;
        }
        if (p < s.length && s[p] == 'Z') {
            return p + 1;
        }
        if (p + 2 < s.length && (s[p] == '+' || s[p] == '-') && digits(s, p + 1) >= 2) {
            p++;
            while (p < s.length && (s[p] == ':' || isDigit(s[p]))) {
                p++;
            }
        }
        return p;
    }

    /** {@code m/d/yyyy} or {@code d/m/yyyy} (both when valid), {@code d.m.yyyy}, two-digit years after {@code /}. */
    private static Found numeric(char[] s, int i, int run) {
        int p = i + run;
        if (p >= s.length || (s[p] != '/' && s[p] != '.')) {
            return null;
        }
        char sep = s[p];
        int second = digits(s, p + 1);
        int q = p + 1 + second;
        if (second < 1 || second > 2 || q >= s.length || s[q] != sep) {
            return null;
        }
        int yearDigits = digits(s, q + 1);
        if (yearDigits != 4 && !(yearDigits == 2 && sep == '/')) {
            return null;
        }
        int year = number(s, q + 1, yearDigits);
        year = yearDigits == 2 ? 2000 + year : year;
        int a = number(s, i, run);
        int b = number(s, p + 1, second);
        List<LocalDate> dates = new ArrayList<>(2);
        if (sep == '/') {
            add(dates, year, a, b);
        }
        add(dates, year, b, a);
        return dates.isEmpty() ? null : new Found(i, q + 1 + yearDigits, dates, null);
    }

    /** {@code Dec 31}, {@code December 31st, 2026}: the month word ends one space (and maybe a dot) before the day. */
    private static Found monthFirst(char[] s, int i, int run) {
        int p = i - 1;
        if (p < 1 || s[p] != ' ') {
            return null;
        }
        p--;
        if (s[p] == '.') {
            p--;
        }
        int wordEnd = p + 1;
        while (p >= 0 && Character.isLetter(s[p])) {
            p--;
        }
        int wordStart = p + 1;
        int month = month(s, wordStart, wordEnd);
        if (month == 0) {
            return null;
        }
        int end = afterDay(s, i + run);
        if (end < 0) {
            return null;
        }
        return resolve(wordStart, end, s, month, number(s, i, run));
    }

    /** {@code 31 December 2026}, {@code 31st of Dec}. */
    private static Found dayFirst(char[] s, int i, int run) {
        int p = ordinal(s, i + run);
        if (p >= s.length || s[p] != ' ') {
            return null;
        }
        p++;
        if (p + 3 < s.length && s[p] == 'o' && s[p + 1] == 'f' && s[p + 2] == ' ') {
            p += 3;
        }
        int wordStart = p;
        while (p < s.length && Character.isLetter(s[p])) {
            p++;
        }
        int month = month(s, wordStart, p);
        if (month == 0) {
            return null;
        }
        if (p < s.length && s[p] == '.') {
            p++;
        }
        return resolve(i, p, s, month, number(s, i, run));
    }

    /** With a year when {@code ", 2026"} or {@code " 2026"} follows {@code end}. */
    private static Found resolve(int start, int end, char[] s, int month, int day) {
        int p = end;
        if (p < s.length && s[p] == ',') {
            p++;
        }
        if (p < s.length && s[p] == ' ' && digits(s, p + 1) == 4) {
            List<LocalDate> dates = new ArrayList<>(1);
            add(dates, number(s, p + 1, 4), month, day);
            return dates.isEmpty() ? null : new Found(start, p + 5, dates, null);
        }
        try {
            return new Found(start, end, List.of(), MonthDay.of(month, day));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Where a day ends (after {@code st}, {@code nd}, {@code rd}, {@code th}), or -1 when letters or digits follow. */
    private static int afterDay(char[] s, int p) {
        p = ordinal(s, p);
        return p < s.length && (Character.isLetterOrDigit(s[p])) ? -1 : p;
    }

    private static int ordinal(char[] s, int p) {
        if (p + 1 < s.length
                && ((s[p] == 's' && s[p + 1] == 't')
                        || (s[p] == 'n' && s[p + 1] == 'd')
                        || (s[p] == 'r' && s[p + 1] == 'd')
                        || (s[p] == 't' && s[p + 1] == 'h'))
                && (p + 2 == s.length || !Character.isLetter(s[p + 2]))) {
            return p + 2;
        }
        return p;
    }

    /** 1-12 for a capitalised month name or its three-letter (or {@code Sept}) abbreviation; 0 otherwise. */
    static int month(char[] s, int from, int to) {
        int length = to - from;
        if (length < 3 || length > 9 || !Character.isUpperCase(s[from])) {
            return 0;
        }
        for (int m = 0; m < MONTHS.length; m++) {
            String name = MONTHS[m];
            boolean fits = length == name.length() || length == 3 || (length == 4 && m == 8);
            if (fits && length <= name.length() && startsWith(s, from, name, length)) {
                return m + 1;
            }
        }
        return 0;
    }

    private static boolean startsWith(char[] s, int from, String name, int length) {
        for (int k = 0; k < length; k++) {
            if (s[from + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
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

    static int digits(char[] s, int i) {
        int p = i;
        while (p < s.length && isDigit(s[p])) {
            p++;
        }
        return p - i;
    }

    private static int number(char[] s, int i, int length) {
        int n = 0;
        for (int k = i; k < i + length; k++) {
            n = n * 10 + (s[k] - '0');
        }
        return n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
