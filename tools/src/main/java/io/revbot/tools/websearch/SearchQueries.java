package io.revbot.tools.websearch;

import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps web-search queries to what they are for: a few words the web-search agent wrote from the user's question.
 * A query goes to an outside provider, so it must not carry what tools returned in the run (a transcript, query
 * results): quoted stretches of earlier tool output are removed, and a query that still repeats six or more words of
 * it in a row, holds structured data, or is longer than {@link #MAX_LENGTH} characters is refused with a message that
 * tells the agent how to write one.
 */
final class SearchQueries {
    static final int MAX_LENGTH = 200;
    /** Words in a row that make a query a copy of tool output rather than the agent's own words. */
    static final int ECHO_WORDS = 6;
    /** Quoted phrases shorter than this stay even when a tool returned them (company names, product names). */
    private static final int MIN_QUOTED_WORDS = 4;

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|“([^”]*)”");
    private static final Pattern STRUCTURED = Pattern.compile("[{}<>\\[\\]\\r\\n\\t]|\\\\\"|\":");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchQueries() {}

    static String check(String query, List<ToolObserver.PriorResult> earlier) {
        String q = query.strip();
        if (q.length() > MAX_LENGTH) {
            throw new ToolException("the query is " + q.length() + " characters; a web search query is at most "
                    + MAX_LENGTH + " characters of your own words. Write a short query from the user's question"
                    + " (company, topic, year), never text copied from tool results.");
        }
        if (STRUCTURED.matcher(q).find()) {
            throw new ToolException("the query holds structured data (braces, brackets, tags or line breaks); write"
                    + " a short query in your own words from the user's question, never data from tool results.");
        }
        String outputs = normalizedOutputs(earlier);
        if (outputs.isBlank()) {
            return q;
        }
        String stripped = stripQuotedOutput(q, outputs).strip().replaceAll("\\s{2,}", " ");
        if (stripped.isEmpty()) {
            throw new ToolException("the query only quoted text from tool results; write a short query in your own"
                    + " words from the user's question.");
        }
        String[] words = normalize(stripped).strip().split(" ");
        for (int i = 0; i + ECHO_WORDS <= words.length; i++) {
            String window = " " + String.join(" ", List.of(words).subList(i, i + ECHO_WORDS)) + " ";
            if (outputs.contains(window)) {
                throw new ToolException("the query repeats text from tool results (\"" + window.strip() + "\"); a"
                        + " web search sends its query to an outside provider, so write a short query in your own"
                        + " words from the user's question.");
            }
        }
        return stripped;
    }

    private static String stripQuotedOutput(String query, String outputs) {
        Matcher m = QUOTED.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1) != null ? m.group(1) : m.group(2);
            String normalized = normalize(inner).strip();
            boolean fromTools =
                    normalized.split(" ").length >= MIN_QUOTED_WORDS && outputs.contains(" " + normalized + " ");
            m.appendReplacement(out, Matcher.quoteReplacement(fromTools ? " " : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String normalizedOutputs(List<ToolObserver.PriorResult> earlier) {
        StringBuilder all = new StringBuilder(" ");
        for (ToolObserver.PriorResult result : earlier) {
            if (!result.text().isEmpty()) {
                all.append(normalize(result.text())).append(" | ");
            }
        }
        return all.toString();
    }

    /** Lower case, every run of punctuation and space one space, padded so whole words compare. */
    static String normalize(String text) {
        return " "
                + NON_WORD.matcher(text.toLowerCase(Locale.ROOT))
                        .replaceAll(" ")
                        .strip() + " ";
    }
}
