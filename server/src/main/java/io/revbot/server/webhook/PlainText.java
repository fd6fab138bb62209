package io.revbot.server.webhook;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** Markdown to plain text from the parsed tree (commonmark), for {@code response_plain}. */
final class PlainText {
    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER =
            TextContentRenderer.builder().build();

    private PlainText() {}

    static String of(String markdown) {
        return RENDERER.render(PARSER.parse(markdown)).strip();
    }
}
