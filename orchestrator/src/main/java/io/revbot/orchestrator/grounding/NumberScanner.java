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
            int time = timeEnd(i);
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

    /** Past a clock time starting at {@code i} ({@code 14:30}, {@code 07:00:05}, {@code 9 am}); {@code i} if none. */
    private int timeEnd(int i) {
        char before = i > 0 ? s[i - 1] : ' ';
        if (isDigit(before) || before == ':' || before == '.') {
            return i;
        }
        int hours = DateScanner.digits(s, i);
        if (hours > 2) {
            return i;
        }
        int p = i + hours;
        if (p < s.length && s[p] == ':' && DateScanner.digits(s, p + 1) == 2) {
            p += 3;
            if (p < s.length && s[p] == ':' && DateScanner.digits(s, p + 1) == 2) {
                p += 3;
            }
            if (p < s.length && (s[p] == ':' || isDigit(s[p]))) {
                return i;
            }
            int meridiem = meridiem(p);
            return meridiem > 0 ? meridiem : p;
        }
        int meridiem = meridiem(p);
        return meridiem > 0 ? meridiem : i;
    }

    /** Past {@code am}, {@code pm}, {@code a.m.}, {@code p.m.} (after an optional space) at {@code p}; else -1. */
    private int meridiem(int p) {
        if (p < s.length && s[p] == ' ') {
            p++;
        }
        if (p + 1 >= s.length) {
            return -1;
        }
        char c = Character.toLowerCase(s[p]);
        if (c != 'a' && c != 'p') {
            return -1;
        }
        int end;
        if (Character.toLowerCase(s[p + 1]) == 'm') {
            end = p + 2;
        } else if (p + 3 < s.length && s[p + 1] == '.' && Character.toLowerCase(s[p + 2]) == 'm' && s[p + 3] == '.') {
            end = p + 4;
        } else {
            return -1;
        }
        return end < s.length && Character.isLetter(s[end]) ? -1 : end;
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
        int start = i;
        int p = i - 1;
        if (p >= 0 && (Character.isLetter(s[p]) || s[p] == '_')) {
            t.identifier = !currencyCodeEndsAt(p);
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
        if (p >= 0 && (s[p] == '\'' || s[p] == '’')) {
            t.period = true;
            return start;
        }
        if (p >= 2 && s[p] == ' ' && isFiscalPrefix(p - 2)) {
            t.period = true;
            return start;
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
        } else if (p >= 3 && isSpace(s[p]) && currencyCodeEndsAt(p - 1)) {
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
        return j < s.length && (s[j] == '%' || isCurrencySymbol(s[j]) || currencyCode(j, wordEnd(j)));
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
            int w = wordEnd(k);
            if (w < n && (isDigit(s[w]) || s[w] == '_')) {
                t.identifier = !spaced;
                return end;
            }
            double scale = scaled ? 0 : scale(k, w, spaced, t.currency);
            if (scale > 0) {
                t.scale = scale;
                scaled = true;
                end = w < n && s[w] == '.' && w - k == 3 && Character.isUpperCase(s[k]) ? w + 1 : w; // Mio., Mrd.
                continue;
            }
            if (isPercentWord(k, w, spaced)) {
                t.unit = Unit.PERCENT;
                return w;
            }
            if (w - k == 1 && (c == 'x' || c == 'X')) {
                t.unit = Unit.MULTIPLE;
                return w;
            }
            if (currencyCode(k, w)) {
                t.currency = true;
                return w;
            }
            if (!spaced && !scaled && isOrdinal(k, w)) {
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

    private int wordEnd(int k) {
        int w = k;
        while (w < s.length && Character.isLetter(s[w])) {
            w++;
        }
        return w;
    }

    private double scale(int k, int w, boolean spaced, boolean currency) {
        if (!spaced) {
            if (is(k, w, "k") || is(k, w, "K")) {
                return 1e3;
            }
            if (is(k, w, "M") || is(k, w, "MM") || is(k, w, "Mn") || is(k, w, "mn")) {
                return 1e6;
            }
            if (is(k, w, "B") || is(k, w, "bn") || is(k, w, "Bn") || is(k, w, "BN")) {
                return 1e9;
            }
            if (is(k, w, "m") || is(k, w, "mm")) {
                return currency ? 1e6 : 0;
            }
            if (is(k, w, "b")) {
                return currency ? 1e9 : 0;
            }
        }
        if (isIgnoringCase(k, w, "thousand") || isIgnoringCase(k, w, "thousands") || isIgnoringCase(k, w, "tsd")) {
            return 1e3;
        }
        if (isIgnoringCase(k, w, "million")
                || isIgnoringCase(k, w, "millions")
                || isIgnoringCase(k, w, "mio")
                || isIgnoringCase(k, w, "mn")
                || isIgnoringCase(k, w, "mm")) {
            return 1e6;
        }
        if (isIgnoringCase(k, w, "billion")
                || isIgnoringCase(k, w, "billions")
                || isIgnoringCase(k, w, "mrd")
                || isIgnoringCase(k, w, "bn")) {
            return 1e9;
        }
        if (isIgnoringCase(k, w, "trillion")) {
            return 1e12;
        }
        return spaced && currency && isIgnoringCase(k, w, "k") ? 1e3 : 0;
    }

    private boolean isPercentWord(int k, int w, boolean spaced) {
        return is(k, w, "percent")
                || is(k, w, "pct")
                || is(k, w, "pp")
                || is(k, w, "ppt")
                || (spaced && (is(k, w, "Prozent") || is(k, w, "pourcent")));
    }

    private boolean isOrdinal(int k, int w) {
        return is(k, w, "st") || is(k, w, "nd") || is(k, w, "rd") || is(k, w, "th");
    }

    private boolean currencyCode(int k, int w) {
        if (w - k != 3) {
            return false;
        }
        return is(k, w, "USD")
                || is(k, w, "EUR")
                || is(k, w, "GBP")
                || is(k, w, "CAD")
                || is(k, w, "AUD")
                || is(k, w, "CHF")
                || is(k, w, "JPY")
                || is(k, w, "INR")
                || is(k, w, "SEK")
                || is(k, w, "NOK")
                || is(k, w, "DKK");
    }

    /** A currency code as a word ending at {@code p} (inclusive). */
    private boolean currencyCodeEndsAt(int p) {
        return p >= 2 && (p < 3 || !Character.isLetter(s[p - 3])) && currencyCode(p - 2, p + 1);
    }

    private boolean is(int k, int w, String word) {
        if (w - k != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (s[k + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isIgnoringCase(int k, int w, String word) {
        if (w - k != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase(s[k + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
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
