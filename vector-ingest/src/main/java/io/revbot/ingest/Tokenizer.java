package io.revbot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words for keyword search, without regular expressions: lower-case runs of letters, digits and underscores. An
 * identifier with underscores ({@code gong__call_highlights_next_steps}) yields itself and its parts, so both the
 * exact column name and its words match. Common English words are dropped; plural and verb endings are trimmed.
 */
final class Tokenizer {
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "i", "in", "is", "it",
            "its", "me", "my", "of", "on", "or", "our", "should", "that", "the", "their", "this", "to", "us", "we",
            "what", "when", "where", "which", "who", "why", "with", "you", "your", "can", "there", "was", "were");

    private Tokenizer() {}

    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c) || c == '_') {
                word.append(Character.toLowerCase(c));
            } else if (word.length() > 0) {
                addWord(word.toString(), tokens);
                word.setLength(0);
            }
        }
        return tokens;
    }

    private static void addWord(String word, List<String> tokens) {
        if (word.indexOf('_') >= 0) {
            String identifier = trimUnderscores(word);
            if (!identifier.isEmpty()) {
                tokens.add(identifier);
            }
            for (String part : identifier.split("_")) {
                if (!part.isEmpty()) {
                    addPlain(part, tokens);
                }
            }
            return;
        }
        addPlain(word, tokens);
    }

    private static void addPlain(String word, List<String> tokens) {
        if (!STOP_WORDS.contains(word)) {
            tokens.add(stem(word));
        }
    }

    private static String trimUnderscores(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && word.charAt(start) == '_') {
            start++;
        }
        while (end > start && word.charAt(end - 1) == '_') {
            end--;
        }
        return word.substring(start, end);
    }

    /** A light suffix trim (enough to match "deals" with "deal" and "stages" with "stage"). */
    static String stem(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ed") && !w.endsWith("eed")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
