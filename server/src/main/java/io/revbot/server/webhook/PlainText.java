package io.revbot.server.webhook;

import java.util.Set;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown to plain text from the parsed tree (commonmark), for {@code response_plain}: emphasis and headings lose
 * their markup, links keep their URL in parentheses, code spans keep their text as is.
 */
final class PlainText {
    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER = TextContentRenderer.builder()
            .nodeRendererFactory(context -> new NodeRenderer() {
                @Override
                public Set<Class<? extends Node>> getNodeTypes() {
                    return Set.of(Code.class, Link.class);
                }

                @Override
                public void render(Node node) {
                    if (node instanceof Code code) {
                        context.getWriter().write(code.getLiteral());
                    } else if (node instanceof Link link) {
                        for (Node child = link.getFirstChild(); child != null; child = child.getNext()) {
                            context.render(child);
                        }
                        boolean autolink = link.getFirstChild() instanceof Text text
                                && text.getNext() == null
                                && text.getLiteral().equals(link.getDestination());
                        if (!autolink) {
                            context.getWriter().write(" (" + link.getDestination() + ")");
                        }
                    }
                }
            })
            .build();

    private PlainText() {}

    static String of(String markdown) {
        return RENDERER.render(PARSER.parse(markdown)).strip();
    }
}
