package io.revbot.tools.analytics;

/**
 * How the analyses put values into their records: a person's name from CRM first and last names, a quote
 * shortened to one line of a given length, a number rounded to two decimals.
 */
final class ReportFormat {
    private ReportFormat() {}

    /** "First Last", or null when both are missing or blank. */
    static String joinName(String first, String last) {
        String name = (nonNull(first) + " " + nonNull(last)).trim();
        return name.isEmpty() ? null : name;
    }

    /** {@code s} on one line (runs of whitespace become one space), cut to {@code max} characters with "…". */
    static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    /** {@code v} rounded to two decimals, halves towards positive infinity ({@link Math#round}). */
    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
