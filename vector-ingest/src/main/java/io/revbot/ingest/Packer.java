package io.revbot.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs a section's blocks into chunk texts of at most {@code maxChars}: blocks are joined with blank lines; prose
 * longer than the bound is cut at word boundaries; each new chunk repeats the last {@code overlapChars} of the
 * previous chunk's prose so a sentence cut at the boundary is still whole somewhere. Atomic pieces (code, tables)
 * are never cut and never repeated as overlap.
 */
final class Packer {
    private final ChunkingOptions options;
    private final List<String> out = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private String overlap = "";
    private boolean hasContent;

    Packer(ChunkingOptions options) {
        this.options = options;
    }

    List<String> pack(List<MarkdownChunker.Piece> pieces) {
        for (MarkdownChunker.Piece piece : pieces) {
            if (piece.atomic()) {
                addAtomic(piece.text());
            } else {
                addProse(piece.text());
            }
        }
        emit();
        return out;
    }

    private void addAtomic(String text) {
        if (hasContent && current.length() + 2 + text.length() > options.maxChars()) {
            emit();
        }
        startChunk();
        append(text);
        overlap = "";
    }

    private void addProse(String text) {
        String rest = text;
        while (!rest.isEmpty()) {
            startChunk();
            int room = options.maxChars() - current.length() - (current.length() > 0 ? 2 : 0);
            if (rest.length() <= room) {
                append(rest);
                overlap = tail(rest);
                return;
            }
            if (hasContent && room < options.maxChars() / 4) {
                emit();
                continue;
            }
            int cut = wordBoundaryBefore(rest, Math.max(room, 1));
            String head = rest.substring(0, cut).strip();
            append(head);
            overlap = tail(head);
            emit();
            rest = rest.substring(cut).strip();
        }
    }

    /** A chunk after the first starts with the previous chunk's closing prose, marked with an ellipsis. */
    private void startChunk() {
        if (current.length() == 0 && !out.isEmpty() && !overlap.isEmpty()) {
            current.append('…').append(overlap);
        }
    }

    private void append(String text) {
        if (current.length() > 0) {
            current.append("\n\n");
        }
        current.append(text);
        hasContent = true;
    }

    private void emit() {
        if (hasContent) {
            out.add(current.toString().strip());
        }
        current.setLength(0);
        hasContent = false;
    }

    private String tail(String text) {
        if (options.overlapChars() == 0 || text.length() <= options.overlapChars()) {
            return options.overlapChars() == 0 ? "" : text;
        }
        int from = text.length() - options.overlapChars();
        int space = text.indexOf(' ', from);
        return space < 0 ? text.substring(from) : text.substring(space + 1);
    }

    private static int wordBoundaryBefore(String text, int limit) {
        if (limit >= text.length()) {
            return text.length();
        }
        int space = text.lastIndexOf(' ', limit);
        int newline = text.lastIndexOf('\n', limit);
        int cut = Math.max(space, newline);
        return cut <= 0 ? limit : cut;
    }
}
