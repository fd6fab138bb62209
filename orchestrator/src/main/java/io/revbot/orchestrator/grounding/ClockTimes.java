package io.revbot.orchestrator.grounding;

/** Clock times, which hold digits but no figure: {@code 14:30}, {@code 07:00:05}, {@code 9 am}, {@code 10 p.m.}. */
final class ClockTimes {
    private ClockTimes() {}

    /** Past a clock time starting at {@code i}; {@code i} when none starts there. */
    static int end(char[] s, int i) {
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
            int meridiem = meridiem(s, p);
            return meridiem > 0 ? meridiem : p;
        }
        int meridiem = meridiem(s, p);
        return meridiem > 0 ? meridiem : i;
    }

    /** Past {@code am}, {@code pm}, {@code a.m.}, {@code p.m.} (after an optional space) at {@code p}; else -1. */
    private static int meridiem(char[] s, int p) {
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
