package io.revbot.orchestrator.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A question as the tiers read it: its words (lower case, with where each starts in the text) and its text with
 * names masked. Structural only: nothing here guesses what the question means.
 */
final class QuestionText {
    /** What a masked name becomes: one ordinary company name, so names do not pull a question towards an agent. */
    static final String NAME = "Acme";

    private QuestionText() {}

    /** One word of a question and the offset of its first character. */
    record Word(String text, int start) {}

    /** The words of {@code text}: letters, digits and {@code ' # @ $ %} runs, lower case; Slack mentions dropped. */
    static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        String clean = text.replace('’', '\'');
        int i = 0;
        while (i < clean.length()) {
            if (clean.startsWith("<@", i)) { // a Slack user mention, <@U123>
                int end = clean.indexOf('>', i);
                i = end < 0 ? clean.length() : end + 1;
                continue;
            }
            if (!isWordChar(clean.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < clean.length() && isWordChar(clean.charAt(i))) {
                i++;
            }
            String word = trimQuotes(clean.substring(start, i).toLowerCase(Locale.ROOT));
            if (!word.isEmpty()) {
                out.add(new Word(word, start));
            }
        }
        return out;
    }

    static List<String> plain(String text) {
        return words(text).stream().map(Word::text).toList();
    }

    /**
     * {@code text} with names masked: a capitalised word that does not open a sentence, is not an acronym and is not
     * in {@code keep} becomes {@link #NAME}; a run of them ("Orion Health - Analytics Modernization") becomes one.
     */
    static String masked(String text, Set<String> keep) {
        String[] tokens = text.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        boolean inName = false;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            String letters = token.replaceAll("[^\\p{L}]", "");
            boolean opensSentence = i == 0 || tokens[i - 1].matches(".*[.?!]");
            boolean name = !opensSentence
                    && letters.length() > 1
                    && Character.isUpperCase(letters.charAt(0))
                    && !letters.equals(letters.toUpperCase(Locale.ROOT))
                    && !keep.contains(letters);
            boolean joiner = inName && (token.equals("-") || token.equals("–") || token.equals("&"));
            if (name || joiner) {
                if (!inName) {
                    out.append(out.isEmpty() ? "" : " ").append(NAME);
                }
                inName = true;
                continue;
            }
            inName = false;
            out.append(out.isEmpty() ? "" : " ").append(token);
        }
        return out.toString();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '#' || c == '@' || c == '$' || c == '%';
    }

    private static String trimQuotes(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && word.charAt(start) == '\'') {
            start++;
        }
        while (end > start && word.charAt(end - 1) == '\'') {
            end--;
        }
        return word.substring(start, end);
    }
}
