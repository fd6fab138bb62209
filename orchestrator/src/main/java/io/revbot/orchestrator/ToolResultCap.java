package io.revbot.orchestrator;

import dev.langchain4j.service.tool.ToolExecutionResult;

/**
 * The most one tool result may put into a model's context. Tools bound their own answers (SQL results, transcripts,
 * searches); this is the backstop for any tool that does not, so one answer can never fill the context window or
 * the token budget. A cut result ends with a note saying so and how to ask for less.
 */
final class ToolResultCap {
    /** About 25,000 tokens: above what any of RevBot's tools returns on purpose (a call transcript is ~60 kB). */
    static final int MAX_CHARS = 100_000;

    private ToolResultCap() {}

    /** The result as the model will see it: unchanged when small enough, else cut with a note. */
    static ToolExecutionResult apply(ToolExecutionResult result) {
        String text = result.resultText();
        if (text == null || text.length() <= MAX_CHARS) {
            return result;
        }
        String cut = cut(text);
        return ToolExecutionResult.builder()
                .isError(result.isError())
                .result(cut)
                .resultText(cut)
                .build();
    }

    static String cut(String text) {
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end) + "\n[RevBot: this tool result was cut at " + MAX_CHARS + " of " + text.length()
                + " characters. Ask for less: filter, aggregate or page.]";
    }
}
