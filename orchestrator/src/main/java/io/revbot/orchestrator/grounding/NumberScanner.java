package io.revbot.orchestrator.grounding;

/**
 * Reads the numbers and dates of a text in one pass, as people and programs write them, with what surrounds them: a
 * sign, a currency before or after, a scale ({@code K}, {@code M}, {@code bn}, {@code million}, {@code Mio.}), a unit
 * ({@code %}, {@code x}, {@code pp}). Thousands separators of several locales are read ({@code 1,234,567},
 * {@code 1.234.567}, {@code 1 234 567} with a no-break or thin space, {@code 1'234'567}, Indian {@code 12,34,567}); a
 * lone separator before three digits is ambiguous ({@code 1,234} is 1234 in English and 1.234 in German), so both
 * readings are kept ({@link Readings}). A plain space groups digits only next to a currency or a percent sign, so "in
 * 2026 120 deals" stays two numbers. Dates ({@link DateScanner}) and clock times are recognised where their digits
 * start. Hand-written, looking only around digits: it runs over every tool result of a run, up to hundreds of
 * kilobytes, and every answer.
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

    /** What a scan finds, in order. */
    interface Sink {
        void date(DateScanner.Found date);

        void number(Token token);
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
        /** A period name's number: {@code FY 26}, {@code '26}. */
        boolean period;
        /** Digits only: no separator, no decimals, no scale. */
        boolean plainInteger;

        int digits;
    }

    private final char[] s;
    private final int[] groupStart = new int[MAX_GROUPS];
    private final int[] groupLength = new int[MAX_GROUPS];
    private final char[] separators = new char[MAX_GROUPS];

    private NumberScanner(char[] s) {
        this.s = s;
    }

    /** Every date and number of {@code s} in order; what must not be read is already blanked out. */
    static void scan(char[] s, Sink sink) {
        new NumberScanner(s).scan(sink);
    }

    private void scan(Sink sink) {
        int n = s.length;
        int i = 0;
        while (i < n) {
            if (!isDigit(s[i])) {
                i++;
                continue;
            }
            DateScanner.Found date = DateScanner.at(s, i);
            if (date != null) {
                sink.date(date);
                i = date.end();
                continue;
            }
            int time = ClockTimes.end(s, i);
            if (time > i) {
                i = time;
                continue;
            }
            Token t = read(i);
            if (t == null) {
                i = skipWord(i);
                continue;
            }
            sink.number(t);
            i = Math.max(t.end, t.coreEnd);
            if (t.identifier) {
                i = skipWord(i);
            }
        }
    }

    private int skipWord(int i) {
        while (i < s.length && (Character.isLetterOrDigit(s[i]) || s[i] == '_')) {
            i++;
        }
        return i;
    }

    private Token read(int i) {
        Token t = new Token();
        t.coreStart = i;
        t.start = prefix(i, t);
        int groups = groups(i, true);
        if (usesPlainSpace(groups) && !t.currency && !unitFollows(end(groups))) {
            groups = groups(i, false);
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
        t.coreEnd = end(groups);
        t.plainInteger = groups == 1;
        t.digits = groupLength[0];
        t.period = t.period && t.plainInteger && t.digits == 2;
        int after = exponent(t.coreEnd, readings);
        t.end = suffix(after, t);
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
    private int prefix(int i, Token t) {
        int glued = glued(i, t);
        return glued >= 0 ? glued : currencyAndSign(i, t);
    }

    /**
     * What makes the digits part of something else: letters ({@code Q4}, {@code v2}, {@code OPP-0042}, unless a
     * currency code), {@code #} (a rank), an apostrophe or {@code FY}/{@code CY} before (a period). Returns where the
     * figure starts, or -1 when nothing is glued.
     */
    private int glued(int i, Token t) {
        int p = i - 1;
        if (p >= 0 && (Character.isLetter(s[p]) || s[p] == '_')) {
            t.identifier = !UnitWords.currencyCodeEndsAt(s, p);
            t.currency = !t.identifier;
            return t.currency ? p - 2 : i;
        }
        if (p >= 1 && s[p] == '-' && Character.isLetter(s[p - 1])) {
            t.identifier = true;
            return i;
        }
        if (p >= 0 && s[p] == '#') {
            t.rank = true;
            return p;
        }
        if ((p >= 0 && (s[p] == '\'' || s[p] == '’')) || (p >= 2 && s[p] == ' ' && isFiscalPrefix(p - 2))) {
            t.period = true;
            return i;
        }
        return -1;
    }

    /** A currency symbol or code (and a space) before the digits, and a minus before either. */
    private int currencyAndSign(int i, Token t) {
        int start = i;
        int p = i - 1;
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
        } else if (p >= 3 && isSpace(s[p]) && UnitWords.currencyCodeEndsAt(s, p - 1)) {
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

    /** {@code FY} or {@code CY} as a word ending at {@code p + 1}. */
    private boolean isFiscalPrefix(int p) {
        return (s[p] == 'F' || s[p] == 'C') && s[p + 1] == 'Y' && (p == 0 || !Character.isLetter(s[p - 1]));
    }

    /** Digit groups from {@code i} into the scratch arrays; returns how many. */
    private int groups(int i, boolean plainSpaces) {
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

    private int end(int groups) {
        return groupStart[groups - 1] + groupLength[groups - 1];
    }

    private boolean usesPlainSpace(int groups) {
        for (int k = 0; k < groups - 1; k++) {
            if (separators[k] == ' ') {
                return true;
            }
        }
        return false;
    }

    /** A percent sign or a currency right after {@code j}: then "1 234 567 €" is one number. */
    private boolean unitFollows(int j) {
        if (j < s.length && isSpace(s[j])) {
            j++;
        }
        return j < s.length
                && (s[j] == '%' || isCurrencySymbol(s[j]) || UnitWords.currencyCode(s, j, UnitWords.wordEnd(s, j)));
    }

    private int exponent(int j, Readings readings) {
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
    private int suffix(int j, Token t) {
        int end = j;
        for (int step = 0; step < 3 && end < s.length; step++) {
            int k = end;
            boolean spaced = isSpace(s[k]) && k + 1 < s.length;
            if (spaced) {
                k++;
            }
            int symbol = symbol(k, t);
            if (symbol > 0) {
                return symbol;
            }
            if (!Character.isLetter(s[k])) {
                return end;
            }
            int w = UnitWords.wordEnd(s, k);
            if (w < s.length && (isDigit(s[w]) || s[w] == '_')) {
                t.identifier = t.identifier || !spaced;
                return end;
            }
            double scale = t.scale == 1 ? UnitWords.scale(s, k, w, spaced, t.currency) : 0;
            if (scale == 0) {
                return word(k, w, spaced, end, t);
            }
            t.scale = scale;
            boolean abbreviated = w < s.length && s[w] == '.' && w - k == 3 && Character.isUpperCase(s[k]);
            end = abbreviated ? w + 1 : w; // Mio., Mrd.
        }
        return end;
    }

    /** {@code %}, {@code ×} or a currency symbol at {@code k}: where the figure ends; else -1. */
    private int symbol(int k, Token t) {
        char c = s[k];
        if (c == '%') {
            t.unit = Unit.PERCENT;
        } else if (c == '×') {
            t.unit = Unit.MULTIPLE;
        } else if (isCurrencySymbol(c)) {
            t.currency = true;
        } else {
            return -1;
        }
        return k + 1;
    }

    /**
     * A percent word, {@code x}, a currency code or an ordinal at {@code [k, w)}: where the figure ends. Any other word
     * ends it at {@code end}, and makes it an identifier when glued to the digits ({@code 4G}).
     */
    private int word(int k, int w, boolean spaced, int end, Token t) {
        if (UnitWords.percent(s, k, w, spaced)) {
            t.unit = Unit.PERCENT;
            return w;
        }
        if (w - k == 1 && (s[k] == 'x' || s[k] == 'X')) {
            t.unit = Unit.MULTIPLE;
            return w;
        }
        if (UnitWords.currencyCode(s, k, w)) {
            t.currency = true;
            return w;
        }
        if (!spaced && t.scale == 1 && UnitWords.ordinal(s, k, w)) {
            t.ordinal = true;
            return w;
        }
        t.identifier = t.identifier || !spaced;
        return end;
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
