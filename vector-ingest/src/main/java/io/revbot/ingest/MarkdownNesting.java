package io.revbot.ingest;

import org.commonmark.node.Node;

/**
 * How deeply a markdown document nests, measured twice without recursion: before parsing, from the block markers
 * at the start of each line (indentation, {@code >}, list bullets), because deep block nesting is what makes the
 * parser slow; after parsing, on the tree itself, because deep inline nesting (emphasis in emphasis…) only shows
 * there, and the chunker's visitors recurse.
 */
final class MarkdownNesting {
    private MarkdownNesting() {}

    /** The deepest block nesting the line starts announce; fenced code is not counted. */
    static int blockDepth(String markdown) {
        int deepest = 0;
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            int i = 0;
            int indent = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                indent += line.charAt(i) == '\t' ? 4 : 1;
                i++;
            }
            if (line.startsWith("```", i) || line.startsWith("~~~", i)) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            deepest = Math.max(deepest, indent / 2 + markers(line, i));
        }
        return deepest;
    }

    /** Block quote and list markers one after the other from {@code start}: {@code > - > 1. x} counts 4. */
    private static int markers(String line, int start) {
        int count = 0;
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '>') {
                count++;
                i++;
            } else if ((c == '-' || c == '*' || c == '+') && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
                count++;
                i += 2;
            } else if (c == ' ') {
                i++;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < line.length() && Character.isDigit(line.charAt(j))) {
                    j++;
                }
                if (j + 1 < line.length()
                        && (line.charAt(j) == '.' || line.charAt(j) == ')')
                        && line.charAt(j + 1) == ' ') {
                    count++;
                    i = j + 2;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        return count;
    }

    /** The depth of the parsed tree, walked iteratively. */
    static int treeDepth(Node root) {
        int deepest = 0;
        int depth = 0;
        Node node = root;
        while (node != null) {
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                deepest = Math.max(deepest, ++depth);
                continue;
            }
            while (node != null && node != root && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            node = node == null || node == root ? null : node.getNext();
        }
        return deepest;
    }
}
