package io.revbot.server.slack;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Converts the model's Markdown into Slack mrkdwn by walking the commonmark-java tree: {@code **bold**} becomes
 * {@code *bold*}, {@code _em_} stays {@code _em_}, links become {@code <url|text>}, headings a bold line, lists
 * bullets, code blocks stay fenced, tables become aligned code blocks (Slack has no tables), images only their
 * description. Text is escaped
 * ({@code & < >}) as Slack requires. Returns the top-level blocks separately so long answers can be split between
 * them ({@link SlackMessageSplitter}).
 */
final class MrkdwnRenderer {
    private static final String FENCE = "```";

    private final Parser parser =
            Parser.builder().extensions(List.of(TablesExtension.create())).build();

    /** The answer's top-level blocks (paragraphs, lists, code blocks, tables…) in mrkdwn, blank ones dropped. */
    List<String> render(String markdown) {
        Node document = parser.parse(markdown);
        List<String> blocks = new ArrayList<>();
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            String block = block(node);
            if (!block.isBlank()) {
                blocks.add(stripTrailing(block));
            }
        }
        return blocks;
    }

    /** Convenience for one-message texts: the blocks joined by blank lines. */
    String renderText(String markdown) {
        return String.join("\n\n", render(markdown));
    }

    private static String block(Node node) {
        BlockVisitor visitor = new BlockVisitor();
        node.accept(visitor);
        return visitor.out.toString();
    }

    /** Renders the block children of {@code parent}, one per line group. */
    private static String children(Node parent, String separator) {
        List<String> parts = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            String part = stripTrailing(block(child));
            if (!part.isBlank()) {
                parts.add(part);
            }
        }
        return String.join(separator, parts);
    }

    private static final class BlockVisitor extends AbstractVisitor {
        final StringBuilder out = new StringBuilder();

        @Override
        public void visit(Paragraph paragraph) {
            out.append(inline(paragraph));
        }

        @Override
        public void visit(Heading heading) {
            String text = inline(heading).strip();
            out.append(text.isEmpty() ? "" : "*" + text + "*");
        }

        @Override
        public void visit(BulletList list) {
            list(list, -1);
        }

        @Override
        public void visit(OrderedList list) {
            list(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
        }

        private void list(Node list, int firstNumber) {
            List<String> items = new ArrayList<>();
            int number = firstNumber;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (!(item instanceof ListItem)) {
                    continue;
                }
                String marker = firstNumber < 0 ? "• " : (number++) + ". ";
                String content = children(item, "\n");
                items.add(marker + indentContinuation(content, " ".repeat(marker.length() + 1)));
            }
            out.append(String.join("\n", items));
        }

        @Override
        public void visit(FencedCodeBlock code) {
            codeBlock(code.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            codeBlock(code.getLiteral());
        }

        private void codeBlock(String literal) {
            String body = literal.endsWith("\n") ? literal : literal + "\n";
            out.append(FENCE).append('\n').append(escape(body)).append(FENCE);
        }

        @Override
        public void visit(BlockQuote quote) {
            String content = children(quote, "\n");
            List<String> lines = new ArrayList<>();
            for (String line : content.split("\n", -1)) {
                lines.add("> " + line);
            }
            out.append(String.join("\n", lines));
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            out.append("──────────");
        }

        @Override
        public void visit(HtmlBlock html) {
            out.append(escape(html.getLiteral()));
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock table) {
                out.append(table(table));
            } else {
                visitChildren(block);
            }
        }
    }

    /** A table as a fixed-width code block: Slack renders no tables, but aligned columns stay readable. */
    private static String table(TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> header = new ArrayList<>();
        List<Boolean> rightAligned = new ArrayList<>();
        collectRows(table, rows, header, rightAligned);
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder(FENCE).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = c < row.size() ? row.get(c) : "";
                String padding = " ".repeat(widths[c] - cell.length());
                boolean right = c < rightAligned.size() && rightAligned.get(c);
                line.append(c == 0 ? "" : "  ").append(right ? padding + cell : cell + padding);
            }
            out.append(escape(stripTrailing(line.toString()))).append('\n');
            boolean lastHeaderRow = header.get(r) && (r + 1 == rows.size() || !header.get(r + 1));
            if (lastHeaderRow) {
                int total = 0;
                for (int w : widths) {
                    total += w;
                }
                out.append("─".repeat(total + 2 * Math.max(0, columns - 1))).append('\n');
            }
        }
        return out.append(FENCE).toString();
    }

    private static void collectRows(
            Node node, List<List<String>> rows, List<Boolean> header, List<Boolean> rightAligned) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof TableRow row) {
                List<String> cells = new ArrayList<>();
                boolean isHeader = false;
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell tableCell) {
                        isHeader |= tableCell.isHeader();
                        if (rows.isEmpty()) {
                            rightAligned.add(tableCell.getAlignment() == TableCell.Alignment.RIGHT);
                        }
                        cells.add(plainText(tableCell).strip());
                    }
                }
                rows.add(cells);
                header.add(isHeader);
            } else {
                collectRows(child, rows, header, rightAligned);
            }
        }
    }

    private static String inline(Node parent) {
        InlineVisitor visitor = new InlineVisitor();
        visitor.visitChildrenOf(parent);
        return visitor.out.toString();
    }

    private static final class InlineVisitor extends AbstractVisitor {
        final StringBuilder out = new StringBuilder();

        void visitChildrenOf(Node parent) {
            visitChildren(parent);
        }

        @Override
        public void visit(Text text) {
            out.append(escape(text.getLiteral()));
        }

        @Override
        public void visit(Emphasis emphasis) {
            wrap("_", emphasis);
        }

        @Override
        public void visit(StrongEmphasis strong) {
            wrap("*", strong);
        }

        private void wrap(String delimiter, Node node) {
            String inner = inline(node);
            if (inner.isBlank()) {
                out.append(inner);
            } else {
                out.append(delimiter).append(inner).append(delimiter);
            }
        }

        @Override
        public void visit(Code code) {
            out.append('`').append(escape(code.getLiteral())).append('`');
        }

        @Override
        public void visit(Link link) {
            out.append(slackLink(link.getDestination(), plainText(link)));
        }

        /** Never a link Slack would fetch or unfurl: the description only (answers reach here without images). */
        @Override
        public void visit(Image image) {
            out.append(escape(plainText(image)));
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.append('\n');
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.append('\n');
        }

        @Override
        public void visit(HtmlInline html) {
            out.append(escape(html.getLiteral()));
        }
    }

    /** {@code <url|text>}; {@code <url>} when the text is the URL itself. */
    private static String slackLink(String destination, String text) {
        String url = destination.replace(">", "%3E").replace("|", "%7C");
        String label = escape(text).replace("|", "¦");
        if (label.isBlank() || label.equals(destination)) {
            return "<" + url + ">";
        }
        return "<" + url + "|" + label + ">";
    }

    /** The literal text under a node (formatting dropped): link labels and table cells. */
    private static String plainText(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                out.append(' ');
            }
        });
        return out.toString();
    }

    private static String indentContinuation(String content, String indent) {
        return content.replace("\n", "\n" + indent);
    }

    /** Slack's three control characters; everything else is literal. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }
}
