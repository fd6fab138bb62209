package io.revbot.orchestrator.grounding;

import java.util.function.Consumer;

/**
 * Finds numbers as people and programs write them, with what surrounds them: a sign, a currency before or after, a
 * scale ({@code K}, {@code M}, {@code bn}, {@code million}, {@code Mio.}), a unit ({@code %}, {@code x}, {@code pp}).
 * Thousands separators of several locales are read ({@code 1,234,567}, {@code 1.234.567}, {@code 1 234 567} with
 * a no-break or thin space, {@code 1'234'567}, Indian {@code 12,34,567}); a lone separator before three digits is
 * ambiguous ({@code 1,234} is 1234 in English and 1.234 in German), so both readings are kept. A plain space groups
 * digits only next to a currency or a percent sign, so "in 2026 120 deals" stays two numbers. Hand-written rather
 * than one regular expression: it runs over every tool result of a run, up to hundreds of kilobytes.
 */
final class NumberScanner {
    private static final char NBSP = '\u00A0';
    private static final char NARROW_NBSP = '\u202F';
    private static final char THIN = '\u2009';
    private static final int MAX_GROUPS = 12;

    enum Unit {
        NONE,
        PERCENT,
        MULTIPLE
    }

    /** One number and its context. Readings are absolute values, already scaled; {@code units} their rounding unit. */
    static final class Token {
        int start;
        int end;
        int coreStart;
        int coreEnd;
        double[] values;
        double[] units;
        boolean currency;
        double scale = 1;
        Unit unit = Unit.NONE;
        boolean negative;
        boolean ordinal;
        boolean identifier;
        boolean rank;
        /** Digits only: no separator, no decimals, no scale. */
        boolean plainInteger;

        int digits;
    }

    private NumberScanner() {}

    /** Every number of {@code s} in order; masked regions must already be blanked out. */
    static void scan(char[] s, Consumer<Token> out) {
        int n = s.length;
        int i = 0;
        while (i < n) {
            if (!isDigit(s[i])) {
                i++;
                continue;
            }
            Token t = read(s, i);
            if (t == null) {
                i = skipWord(s, i);
                continue;
            }
            out.accept(t);
            i = Math.max(t.end, t.coreEnd);
            if (t.identifier) {
                i = skipWord(s, i);
            }
        }
    }

    private static int skipWord(char[] s, int i) {
        while (i < s.length && (Character.isLetterOrDigit(s[i]) || s[i] == '_')) {
            i++;
        }
        return i;
    }

    private static Token read(char[] s, int i) {
        Token t = new Token();
        t.coreStart = i;
        t.start = prefix(s, i, t);
        int[] groupStart = new int[MAX_GROUPS];
        int[] groupLength = new int[MAX_GROUPS];
        char[] separators = new char[MAX_GROUPS];
        int groups = groups(s, i, groupStart, groupLength, separators, true);
        if (usesPlainSpace(separators, groups)
                && !t.currency
                && !unitFollows(s, end(groupStart, groupLength, groups))) {
            groups = groups(s, i, groupStart, groupLength, separators, false);
        }
        Readings readings = null;
        for (int used = groups; used >= 1 && readings == null; used--) {
            readings = Readings.of(s, groupStart, groupLength, separators, used);
            if (readings != null) {
                groups = used;
            }
        }
        if (readings == null) {
            return null;
        }
        t.coreEnd = end(groupStart, groupLength, groups);
        t.plainInteger = groups == 1;
        t.digits = groupLength[0];
        int after = exponent(s, t.coreEnd, readings);
        t.end = suffix(s, after, t);
        t.values = readings.values;
        t.units = readings.units;
        if (t.scale != 1) {
            t.plainInteger = false;
            for (int k = 0; k < t.values.length; k++) {
                t.values[k] *= t.scale;
                t.units[k] *= t.scale;
            }
        }
        return t;
    }

    /** Reads sign, currency and what is glued before the digits; returns where the figure starts. */
    private static int prefix(char[] s, int i, Token t) {
        int start = i;
        int p = i - 1;
        if (p >= 0 && (Character.isLetter(s[p]) || s[p] == '_')) {
            t.identifier = !currencyCodeEndsAt(s, p);
            if (!t.identifier) {
                t.currency = true;
                return p - 2;
            }
            return start;
        }
        if (p >= 1 && s[p] == '-' && Character.isLetter(s[p - 1])) {
            t.identifier = true;
            return start;
        }
        if (p >= 0 && s[p] == '#') {
            t.rank = true;
            return p;
        }
        if (p >= 1 && isSpace(s[p]) && isCurrencySymbol(s[p - 1])) {
            p--;
        }
        if (p >= 0 && isCurrencySymbol(s[p])) {
            t.currency = true;
            start = p;
            while (start > 0 && start > p - 2 && Character.isUpperCase(s[start - 1])) {
                start--; // US$, A$, R$
            }
            p = start - 1;
        } else if (p >= 3 && isSpace(s[p]) && currencyCodeEndsAt(s, p - 1)) {
            t.currency = true;
            start = p - 3;
            p = start - 1;
        }
        if (p >= 0 && isMinus(s[p]) && (p == 0 || !Character.isLetterOrDigit(s[p - 1]))) {
            t.negative = true;
            start = p;
        }
        return start;
    }

    /** Digit groups from {@code i}; returns how many. */
    private static int groups(
            char[] s, int i, int[] groupStart, int[] groupLength, char[] separators, boolean plainSpaces) {
        int n = s.length;
        int j = i;
        while (j < n && isDigit(s[j])) {
            j++;
        }
        groupStart[0] = i;
        groupLength[0] = j - i;
        int count = 1;
        while (count < MAX_GROUPS && j + 1 < n && isSeparator(s[j], plainSpaces) && isDigit(s[j + 1])) {
            int k = j + 1;
            while (k < n && isDigit(s[k])) {
                k++;
            }
            separators[count - 1] = s[j];
            groupStart[count] = j + 1;
            groupLength[count] = k - j - 1;
            count++;
            j = k;
        }
        return count;
    }

    private static int end(int[] groupStart, int[] groupLength, int groups) {
        return groupStart[groups - 1] + groupLength[groups - 1];
    }

    private static boolean usesPlainSpace(char[] separators, int groups) {
        for (int k = 0; k < groups - 1; k++) {
            if (separators[k] == ' ') {
                return true;
            }
        }
        return false;
    }

    /** A percent sign or a currency right after {@code j}: then "1 234 567 €" is one number. */
    private static boolean unitFollows(char[] s, int j) {
        if (j < s.length && isSpace(s[j])) {
            j++;
        }
        return j < s.length && (s[j] == '%' || isCurrencySymbol(s[j]) || currencyCodeStartsAt(s, j));
    }

    private static int exponent(char[] s, int j, Readings readings) {
        int n = s.length;
        if (j + 1 >= n || (s[j] != 'e' && s[j] != 'E')) {
            return j;
        }
        int k = j + 1;
        boolean minus = false;
        if (s[k] == '+' || s[k] == '-') {
            minus = s[k] == '-';
            k++;
        }
        int digitsStart = k;
        int exp = 0;
        while (k < n && isDigit(s[k]) && k - digitsStart < 3) {
            exp = exp * 10 + (s[k] - '0');
            k++;
        }
        if (k == digitsStart || (k < n && Character.isLetterOrDigit(s[k]))) {
            return j;
        }
        double factor = Math.pow(10, minus ? -exp : exp);
        for (int r = 0; r < readings.values.length; r++) {
            readings.values[r] *= factor;
            readings.units[r] *= factor;
        }
        return k;
    }

    /** Reads scale, unit, currency or ordinal after the digits; returns where the figure ends. */
    private static int suffix(char[] s, int j, Token t) {
        int n = s.length;
        int end = j;
        boolean scaled = false;
        for (int step = 0; step < 3 && end < n; step++) {
            int k = end;
            boolean spaced = false;
            if (isSpace(s[k]) && k + 1 < n) {
                spaced = true;
                k++;
            }
            char c = s[k];
            if (c == '%') {
                t.unit = Unit.PERCENT;
                return k + 1;
            }
            if (c == '×') {
                t.unit = Unit.MULTIPLE;
                return k + 1;
            }
            if (isCurrencySymbol(c)) {
                t.currency = true;
                return k + 1;
            }
            if (!Character.isLetter(c)) {
                return end;
            }
            int w = k;
            while (w < n && Character.isLetter(s[w])) {
                w++;
            }
            if (w < n && (isDigit(s[w]) || s[w] == '_')) {
                t.identifier = !spaced;
                return end;
            }
            String word = new String(s, k, w - k);
            double scale = scaled ? 0 : scale(word, spaced, t.currency);
            if (scale > 0) {
                t.scale = scale;
                scaled = true;
                end = w < n && s[w] == '.' && (word.equals("Mio") || word.equals("Mrd") || word.equals("Tsd"))
                        ? w + 1
                        : w;
                continue;
            }
            if (isPercentWord(word, spaced)) {
                t.unit = Unit.PERCENT;
                return w;
            }
            if (word.equals("x") || word.equals("X")) {
                t.unit = Unit.MULTIPLE;
                return w;
            }
            if (isCurrencyCode(word)) {
                t.currency = true;
                return w;
            }
            if (!spaced && !scaled && isOrdinal(word)) {
                t.ordinal = true;
                return w;
            }
            if (!spaced) {
                t.identifier = true;
            }
            return end;
        }
        return end;
    }

    private static double scale(String word, boolean spaced, boolean currency) {
        if (!spaced) {
            switch (word) {
                case "k", "K" -> {
                    return 1e3;
                }
                case "M", "MM", "Mn", "mn" -> {
                    return 1e6;
                }
                case "B", "bn", "Bn", "BN" -> {
                    return 1e9;
                }
                case "m", "mm" -> {
                    return currency ? 1e6 : 0;
                }
                case "b" -> {
                    return currency ? 1e9 : 0;
                }
                default -> {}
            }
        }
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "thousand", "thousands", "tsd" -> 1e3;
            case "million", "millions", "mio", "mn", "mm" -> 1e6;
            case "billion", "billions", "mrd", "bn" -> 1e9;
            case "trillion" -> 1e12;
            case "k" -> spaced && currency ? 1e3 : 0;
            default -> 0;
        };
    }

    private static boolean isPercentWord(String word, boolean spaced) {
        return switch (word) {
            case "percent", "pct", "pp", "ppt", "pts" -> true;
            case "Prozent", "pourcent" -> spaced;
            default -> false;
        };
    }

    private static boolean isOrdinal(String word) {
        return word.equals("st") || word.equals("nd") || word.equals("rd") || word.equals("th");
    }

    private static boolean isCurrencyCode(String word) {
        return switch (word) {
            case "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK" -> true;
            default -> false;
        };
    }

    private static boolean currencyCodeEndsAt(char[] s, int p) {
        return p >= 2 && (p < 3 || !Character.isLetter(s[p - 3])) && isCurrencyCode(new String(s, p - 2, 3));
    }

    private static boolean currencyCodeStartsAt(char[] s, int j) {
        return j + 3 <= s.length
                && (j + 3 == s.length || !Character.isLetter(s[j + 3]))
                && isCurrencyCode(new String(s, j, 3));
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == NBSP || c == NARROW_NBSP || c == THIN;
    }

    private static boolean isSeparator(char c, boolean plainSpaces) {
        return c == ','
                || c == '.'
                || c == '\''
                || c == '’'
                || c == NBSP
                || c == NARROW_NBSP
                || c == THIN
                || (plainSpaces && c == ' ');
    }

    static boolean isThousandsOnly(char c) {
        return c == '\'' || c == '’' || c == NBSP || c == NARROW_NBSP || c == THIN || c == ' ';
    }

    private static boolean isCurrencySymbol(char c) {
        return c == '$' || c == '€' || c == '£' || c == '¥' || c == '₹';
    }

    private static boolean isMinus(char c) {
        return c == '-' || c == '−' || c == '–';
    }
}
