package io.revbot.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * An answer's Markdown as HTML for the viewer, with each figure the grounding check read wrapped in a
 * {@code <span class="figure traced|untraced">} whose {@code title} names its source (tool and call, or the arithmetic
 * of traced figures). The HTML is safe to insert into the page: raw HTML in the answer is shown as text, links keep
 * only {@code http}, {@code https} and {@code mailto} destinations (others become plain text), and images become
 * their description and address as text, so rendering an answer never loads anything.
 */
final class AnswerHtml {
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create()))
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "noopener noreferrer nofollow");
                    attributes.put("target", "_blank");
                }
            })
            .nodeRendererFactory(FigureRenderer::new)
            .build();

    /** One figure of the grounding's {@code items}: where it is in the answer and what traced it. */
    record Mark(int start, int end, boolean traced, String source) {}

    /** The answer's HTML; {@code grounding} is the record's {@code grounding} object (null or missing: no marks). */
    String render(String markdown, JsonNode grounding) {
        Node document = parser.parse(markdown);
        document.accept(new Safe());
        List<Mark> marks = marks(markdown, grounding);
        if (!marks.isEmpty()) {
            List<Text> texts = new ArrayList<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    texts.add(text);
                }
            });
            texts.forEach(text -> mark(text, marks));
        }
        return renderer.render(document);
    }

    /** The figures whose offsets still point at their text (an answer edited after the check keeps no marks). */
    static List<Mark> marks(String answer, JsonNode grounding) {
        List<Mark> marks = new ArrayList<>();
        if (grounding == null) {
            return marks;
        }
        for (JsonNode item : grounding.path("items")) {
            int start = item.path("start").asInt(-1);
            int end = item.path("end").asInt(-1);
            if (start < 0 || end <= start || end > answer.length()) {
                continue;
            }
            if (!answer.substring(start, end).equals(item.path("text").asText())) {
                continue;
            }
            marks.add(new Mark(start, end, item.path("traced").asBoolean(), source(item)));
        }
        return marks;
    }

    static String source(JsonNode item) {
        if (!item.path("traced").asBoolean()) {
            return "Not traced to any data tool's result";
        }
        if (item.hasNonNull("tool")) {
            return "From " + item.get("tool").asText() + " (call "
                    + item.path("call_id").asText("?") + ")";
        }
        List<String> operands = new ArrayList<>();
        item.path("operands").forEach(o -> operands.add(o.asText()));
        return "Derived: " + item.path("operation").asText("arithmetic") + " of " + String.join(", ", operands);
    }

    /** Splits a text node around the marks that fall wholly inside it (its literal must be its source, unescaped). */
    private static void mark(Text text, List<Mark> marks) {
        List<SourceSpan> spans = text.getSourceSpans();
        if (spans.size() != 1 || spans.get(0).getLength() != text.getLiteral().length()) {
            return;
        }
        int from = spans.get(0).getInputIndex();
        int to = from + spans.get(0).getLength();
        String literal = text.getLiteral();
        int at = 0;
        Node last = text;
        for (Mark m : marks) {
            if (m.start() < from + at || m.end() > to) {
                continue;
            }
            int s = m.start() - from;
            int e = m.end() - from;
            if (s > at) {
                last = after(last, new Text(literal.substring(at, s)));
            }
            Figure figure = new Figure(m);
            figure.appendChild(new Text(literal.substring(s, e)));
            last = after(last, figure);
            at = e;
        }
        if (last == text) {
            return;
        }
        if (at < literal.length()) {
            after(last, new Text(literal.substring(at)));
        }
        text.unlink();
    }

    private static Node after(Node previous, Node next) {
        previous.insertAfter(next);
        return next;
    }

    /** Unsafe links become their text; images become their description and address, never an {@code <img>}. */
    private static final class Safe extends AbstractVisitor {
        @Override
        public void visit(Link link) {
            visitChildren(link);
            if (!allowed(link.getDestination())) {
                unwrap(link);
            }
        }

        @Override
        public void visit(Image image) {
            StringBuilder alt = new StringBuilder();
            image.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    alt.append(text.getLiteral());
                }
            });
            String label = "[image: " + (alt.isEmpty() ? "no description" : alt) + "]";
            if (allowed(image.getDestination())) {
                Link link = new Link(image.getDestination(), image.getTitle());
                link.appendChild(new Text(label));
                image.insertAfter(link);
            } else {
                image.insertAfter(new Text(label));
            }
            image.unlink();
        }

        private static void unwrap(Node node) {
            Node child = node.getFirstChild();
            while (child != null) {
                Node next = child.getNext();
                node.insertBefore(child);
                child = next;
            }
            node.unlink();
        }
    }

    static boolean allowed(String destination) {
        if (destination == null) {
            return false;
        }
        int colon = destination.indexOf(':');
        if (colon < 0) {
            return false; // relative addresses would point into the viewer itself
        }
        String scheme = destination.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return SCHEMES.contains(scheme);
    }

    /** A figure of the answer, rendered as a span carrying its trace. */
    static final class Figure extends CustomNode {
        final Mark mark;

        Figure(Mark mark) {
            this.mark = mark;
        }
    }

    private static final class FigureRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        FigureRenderer(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Figure.class);
        }

        @Override
        public void render(Node node) {
            Figure figure = (Figure) node;
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("class", figure.mark.traced() ? "figure traced" : "figure untraced");
            attributes.put("title", figure.mark.source());
            html.tag("span", attributes);
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            html.tag("/span");
        }
    }
}
