package io.revbot.orchestrator.grounding;

/**
 * The values a run of digit groups can mean, each with its rounding unit: {@code 1,234.5} is 1234.5 (unit 0.1);
 * {@code 1.234,5} the same in German; {@code 1,234} either 1234 or 1.234. An integer of four or more digits ending in
 * three or more zeros is read as rounded to two significant digits at least ({@code 1,200,000} to the hundred
 * thousand, {@code 250,000} to the ten thousand), as writers round that way.
 */
final class Readings {
    final double[] values;
    final double[] units;

    private Readings(double[] values, double[] units) {
        this.values = values;
        this.units = units;
    }

    /** Readings of the first {@code count} groups, or null when they are not a well-formed number in any locale. */
    static Readings of(char[] s, int[] start, int[] length, char[] sep, int count) {
        if (count == 1) {
            return integer(s, start, length, 1);
        }
        int lastMark = -1;
        for (int k = 0; k < count - 1; k++) {
            if (sep[k] == ',' || sep[k] == '.') {
                lastMark = k;
            }
        }
        if (lastMark < 0) {
            return thousands(length, sep, count, ' ') ? integer(s, start, length, count) : null;
        }
        char decimal = sep[lastMark];
        char other = 0;
        boolean thinBefore = false;
        for (int k = 0; k < lastMark; k++) {
            if (NumberScanner.isThousandsOnly(sep[k])) {
                thinBefore = true;
            } else if (other == 0) {
                other = sep[k];
            } else if (sep[k] != other) {
                return null;
            }
        }
        boolean last = lastMark == count - 2;
        if (other == 0 && !thinBefore) {
            return last ? oneMark(s, start, length, decimal) : null;
        }
        if (other == decimal) {
            return last && thousands(length, sep, count, decimal) ? integer(s, start, length, count) : null;
        }
        if (!last || !thousands(length, sep, lastMark + 1, other == 0 ? ' ' : other)) {
            return null;
        }
        return decimal(s, start, length, lastMark + 1);
    }

    /** Two groups and one mark between them: {@code 1.5}, {@code 1,5}, and the ambiguous {@code 1,234}. */
    private static Readings oneMark(char[] s, int[] start, int[] length, char mark) {
        boolean threeAfter = length[1] == 3 && length[0] <= 3;
        boolean leadingZero = length[0] == 1 && s[start[0]] == '0';
        if (!threeAfter || leadingZero) {
            return decimal(s, start, length, 1);
        }
        Readings grouped = integer(s, start, length, 2);
        Readings decimal = decimal(s, start, length, 1);
        return mark == ',' ? both(grouped, decimal) : both(decimal, grouped);
    }

    /** Groups 1.. are thousands groups (three digits; Indian lakh grouping of two allowed with commas). */
    private static boolean thousands(int[] length, char[] sep, int count, char mark) {
        if (length[0] > 3 || length[0] == 0) {
            return false;
        }
        for (int k = 1; k < count; k++) {
            boolean lastGroup = k == count - 1;
            boolean indian = mark == ',' && !lastGroup && length[k] == 2 && sep[k - 1] == ',';
            if (length[k] != 3 && !indian) {
                return false;
            }
        }
        return true;
    }

    /** The digits of groups [0, count) as one integer. */
    private static Readings integer(char[] s, int[] start, int[] length, int count) {
        double value = 0;
        int digits = 0;
        int trailingZeros = 0;
        for (int g = 0; g < count; g++) {
            for (int k = start[g]; k < start[g] + length[g]; k++) {
                int d = s[k] - '0';
                value = value * 10 + d;
                digits++;
                trailingZeros = d == 0 ? trailingZeros + 1 : 0;
            }
        }
        double unit = 1;
        if (value >= 1000 && trailingZeros >= 3) {
            int significant = Math.max(digits - trailingZeros, 2);
            unit = Math.pow(10, Math.max(0, digits - significant));
        }
        return new Readings(new double[] {value}, new double[] {unit});
    }

    /** Groups [0, integerGroups) as the integer part (thousands), the next group as decimals. */
    private static Readings decimal(char[] s, int[] start, int[] length, int integerGroups) {
        double value = 0;
        for (int g = 0; g < integerGroups; g++) {
            for (int k = start[g]; k < start[g] + length[g]; k++) {
                value = value * 10 + (s[k] - '0');
            }
        }
        int fractionStart = start[integerGroups];
        int fractionDigits = length[integerGroups];
        double fraction = 0;
        for (int k = fractionStart + fractionDigits - 1; k >= fractionStart; k--) {
            fraction = (fraction + (s[k] - '0')) / 10;
        }
        return new Readings(new double[] {value + fraction}, new double[] {Math.pow(10, -fractionDigits)});
    }

    private static Readings both(Readings first, Readings second) {
        return new Readings(
                new double[] {first.values[0], second.values[0]}, new double[] {first.units[0], second.units[0]});
    }
}
