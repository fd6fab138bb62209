package io.revbot.orchestrator.grounding;

/**
 * Text of an answer that holds digits but no figure, blanked out (replaced by spaces, so offsets stay) before it is
 * read: code (fenced blocks and inline spans), links ({@code https://…}, {@code www.…}, Markdown link targets, paths
 * after a domain such as {@code techcrunch.com/2026/03/02/…}) and e-mail addresses. Found with {@code indexOf} around
 * the few characters that start them, not with regular expressions: this runs on every answer.
 */
final class Masks {
    private Masks() {}

    static void answer(String text, char[] buffer) {
        code(text, buffer);
        from(text, buffer, "https://");
        from(text, buffer, "http://");
        from(text, buffer, "www.");
        linkTargets(text, buffer);
        around(text, buffer, '@');
        around(text, buffer, '/');
    }

    static void blank(char[] buffer, int start, int end) {
        for (int i = Math.max(0, start); i < Math.min(end, buffer.length); i++) {
            buffer[i] = ' ';
        }
    }

    /** Fenced blocks (to the closing fence or the end) and inline spans on one line. */
    private static void code(String text, char[] buffer) {
        int i = text.indexOf('`');
        while (i >= 0) {
            if (text.startsWith("```", i)) {
                int close = text.indexOf("```", i + 3);
                int end = close < 0 ? text.length() : close + 3;
                blank(buffer, i, end);
                i = text.indexOf('`', end);
                continue;
            }
            int close = text.indexOf('`', i + 1);
            int newline = text.indexOf('\n', i + 1);
            if (close < 0) {
                return;
            }
            if (newline >= 0 && newline < close) {
                i = close;
                continue;
            }
            blank(buffer, i, close + 1);
            i = text.indexOf('`', close + 1);
        }
    }

    /** From each {@code start} to the next white space. */
    private static void from(String text, char[] buffer, String start) {
        int i = text.indexOf(start);
        while (i >= 0) {
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            blank(buffer, i, end);
            i = text.indexOf(start, end);
        }
    }

    /** {@code (target)} after {@code ]}. */
    private static void linkTargets(String text, char[] buffer) {
        int i = text.indexOf("](");
        while (i >= 0) {
            int close = text.indexOf(')', i);
            int end = close < 0 ? text.length() : close + 1;
            blank(buffer, i, end);
            i = text.indexOf("](", end);
        }
    }

    /**
     * The word around an {@code @} with a dot after it (an e-mail address), or around a {@code /} that follows a
     * domain ({@code name.tld/…}).
     */
    private static void around(String text, char[] buffer, char mark) {
        int i = text.indexOf(mark);
        while (i >= 0) {
            int start = i;
            while (start > 0 && isWordish(text.charAt(start - 1))) {
                start--;
            }
            int end = i + 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            boolean masked =
                    mark == '@' ? text.indexOf('.', i) >= 0 && text.indexOf('.', i) < end : afterDomain(text, i);
            if (masked) {
                blank(buffer, start, end);
                i = text.indexOf(mark, end);
            } else {
                i = text.indexOf(mark, i + 1);
            }
        }
    }

    /** The {@code /} at {@code i} follows {@code .tld}: two or more lower-case letters after a dot. */
    private static boolean afterDomain(String text, int i) {
        int p = i - 1;
        while (p >= 0 && text.charAt(p) >= 'a' && text.charAt(p) <= 'z') {
            p--;
        }
        return i - 1 - p >= 2 && p > 0 && text.charAt(p) == '.' && isWordish(text.charAt(p - 1));
    }

    private static boolean isWordish(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+';
    }
}
