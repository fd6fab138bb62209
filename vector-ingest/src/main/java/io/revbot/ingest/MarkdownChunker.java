package io.revbot.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Splits a markdown document into chunks along its headings. Parsing is commonmark-java's (with GFM tables), so
 * headings inside code blocks are not mistaken for sections. Each chunk keeps the markdown source of its blocks and
 * carries the heading path above it; code blocks and tables are never cut; prose is packed up to the size bound
 * with an overlap (see {@link ChunkingOptions}). HTML comments are dropped (they hold notes for editors).
 */
final class MarkdownChunker {
    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private final ChunkingOptions options;
    private final int maxNesting;

    MarkdownChunker(ChunkingOptions options, int maxNesting) {
        this.options = Objects.requireNonNull(options, "options");
        this.maxNesting = maxNesting;
    }

    /** @throws IllegalArgumentException when the document nests deeper than allowed, before or after parsing */
    List<Chunk> chunk(String document, String markdown) {
        String source = markdown.replace("\r\n", "\n");
        int blocks = MarkdownNesting.blockDepth(source);
        if (blocks > maxNesting) {
            throw tooDeep(document, blocks);
        }
        Node root = parser.parse(source);
        int tree = MarkdownNesting.treeDepth(root);
        if (tree > maxNesting) {
            throw tooDeep(document, tree);
        }
        String[] headings = new String[7];
        headings[0] = titleFromFileName(document);
        List<Chunk> chunks = new ArrayList<>();
        Map<String, Integer> ordinals = new HashMap<>();
        List<Piece> section = new ArrayList<>();
        String sectionPath = headings[0];
        for (Node node = root.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                flush(document, sectionPath, section, chunks, ordinals);
                int level = heading.getLevel();
                String text = plainText(heading);
                if (level == 1 && headings[1] == null && allEmpty(headings)) {
                    headings[0] = null; // the document's own title replaces the file name
                }
                headings[level] = text;
                for (int deeper = level + 1; deeper < headings.length; deeper++) {
                    headings[deeper] = null;
                }
                sectionPath = join(headings);
                continue;
            }
            if (node instanceof HtmlBlock html && html.getLiteral().strip().startsWith("<!--")) {
                continue;
            }
            String text = sourceOf(node, source).strip();
            if (!text.isEmpty()) {
                section.add(new Piece(text, isAtomic(node)));
            }
        }
        flush(document, sectionPath, section, chunks, ordinals);
        return chunks;
    }

    private IllegalArgumentException tooDeep(String document, int depth) {
        return new IllegalArgumentException(
                document + " is nested " + depth + " levels deep; at most " + maxNesting + " are read");
    }

    /** A heading's words: text and inline code literals, without markup. */
    private static String plainText(Heading heading) {
        StringBuilder text = new StringBuilder();
        heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(Code node) {
                text.append(node.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak node) {
                text.append(' ');
            }
        });
        return text.toString().strip();
    }

    private static boolean allEmpty(String[] headings) {
        for (int i = 1; i < headings.length; i++) {
            if (headings[i] != null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtomic(Node node) {
        return node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock || node instanceof TableBlock;
    }

    /** The exact markdown source of a top-level block. */
    private static String sourceOf(Node node, String source) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return "";
        }
        SourceSpan first = spans.get(0);
        SourceSpan last = spans.get(spans.size() - 1);
        int start = first.getInputIndex() - first.getColumnIndex();
        int end = Math.min(source.length(), last.getInputIndex() + last.getLength());
        return source.substring(Math.max(0, start), end);
    }

    /** Packs a section; ordinals continue when two sections share a heading path, so chunk ids stay unique. */
    private void flush(
            String document, String path, List<Piece> section, List<Chunk> out, Map<String, Integer> ordinals) {
        if (section.isEmpty()) {
            return;
        }
        for (String text : new Packer(options).pack(section)) {
            int ordinal = ordinals.merge(path, 1, Integer::sum) - 1;
            out.add(new Chunk(document, path, ordinal, text));
        }
        section.clear();
    }

    private static String join(String[] headings) {
        List<String> parts = new ArrayList<>();
        for (String h : headings) {
            if (h != null && !h.isEmpty()) {
                parts.add(h);
            }
        }
        return String.join(Chunk.PATH_SEPARATOR, parts);
    }

    static String titleFromFileName(String document) {
        String name = document.substring(document.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A block's markdown; atomic blocks (code, tables) are never split. */
    record Piece(String text, boolean atomic) {}
}
