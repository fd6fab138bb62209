package io.revbot.orchestrator.grounding;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that holds digits but no figure, blanked out (replaced by spaces, so offsets stay) before numbers are read:
 * code, links and e-mail addresses, clock times, and period names (quarters, halves, fiscal years, {@code '26}).
 */
final class Masks {
    private static final Pattern CODE = Pattern.compile("(?s)```.*?(?:```|$)|`[^`\\n]+`");
    private static final Pattern LINK = Pattern.compile(
            "(?:https?://|www\\.)\\S+|\\]\\([^)\\s]*\\)|[\\w.+-]+@[\\w-]+\\.[\\w.]+|\\b[\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}/\\S*");
    private static final Pattern TIME =
            Pattern.compile("(?<![\\d:.])\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[aApP]\\.?[mM]\\.?)?(?![\\d:])"
                    + "|(?<![\\d.,])\\d{1,2}\\s?(?:am|pm|AM|PM|a\\.m\\.|p\\.m\\.)(?!\\p{L})");
    private static final Pattern PERIOD = Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
            + "(?:FY|CY)\\s?'?\\d{2}(?:\\d{2})?(?:\\s?[QH][1-4])?"
            + "|[QH][1-4](?:\\s?(?:FY|CY)\\s?'?\\d{2}(?:\\d{2})?|\\s?'\\d{2}|\\s\\d{4}|-\\d{4})?"
            + "|\\d{4}[-\\s]?[QH][1-4]"
            + "|'\\d{2}"
            + ")(?![\\p{L}\\p{N}])");

    private Masks() {}

    /** Code and links: in an answer, before dates are read (a date in a link is no figure). */
    static void codeAndLinks(CharSequence text, char[] buffer) {
        blank(CODE, text, buffer);
        blank(LINK, text, buffer);
    }

    /** Period names: in an answer, after dates are read. */
    static void periods(CharSequence text, char[] buffer) {
        blank(PERIOD, text, buffer);
    }

    /** Clock times, in answers and tool results alike, after dates are read (a timestamp is one date). */
    static void times(CharSequence text, char[] buffer) {
        blank(TIME, text, buffer);
    }

    static void blank(char[] buffer, int start, int end) {
        for (int i = start; i < end; i++) {
            buffer[i] = ' ';
        }
    }

    private static void blank(Pattern pattern, CharSequence text, char[] buffer) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            blank(buffer, m.start(), m.end());
        }
    }
}
