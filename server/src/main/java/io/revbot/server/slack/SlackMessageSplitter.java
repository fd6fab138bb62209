package io.revbot.server.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs rendered blocks into as few Slack messages as fit, breaking only between blocks (paragraphs, lists, code
 * blocks). A single block longer than a message is broken between lines, a code block re-fenced on both sides of
 * the break; a single line longer than a message is cut.
 */
final class SlackMessageSplitter {
    /** Slack truncates {@code text} past 40,000 characters and advises staying under 4,000 per message. */
    static final int DEFAULT_LIMIT = 3_900;

    private static final String FENCE = "```";

    private final int limit;

    SlackMessageSplitter(int limit) {
        if (limit < 100) {
            throw new IllegalArgumentException("limit must be at least 100 characters");
        }
        this.limit = limit;
    }

    List<String> split(List<String> blocks) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String block : blocks) {
            for (String piece : fit(block)) {
                int needed = current.isEmpty() ? piece.length() : current.length() + 2 + piece.length();
                if (needed > limit && !current.isEmpty()) {
                    messages.add(current.toString());
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append("\n\n");
                }
                current.append(piece);
            }
        }
        if (!current.isEmpty()) {
            messages.add(current.toString());
        }
        return messages;
    }

    /** The block itself when it fits, else pieces of at most {@code limit} characters broken between lines. */
    private List<String> fit(String block) {
        if (block.length() <= limit) {
            return List.of(block);
        }
        boolean code = block.startsWith(FENCE + "\n") && block.endsWith(FENCE);
        String body = code ? block.substring(FENCE.length() + 1, block.length() - FENCE.length()) : block;
        // room for the fences added around each piece of a code block
        int room = code ? limit - 2 * (FENCE.length() + 1) : limit;
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String line : lines(body, room)) {
            int needed = piece.isEmpty() ? line.length() : piece.length() + 1 + line.length();
            if (needed > room && !piece.isEmpty()) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            if (!piece.isEmpty()) {
                piece.append('\n');
            }
            piece.append(line);
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        if (code) {
            pieces.replaceAll(p -> FENCE + "\n" + p.stripTrailing() + "\n" + FENCE);
        }
        return pieces;
    }

    /** The lines of {@code text}, a line longer than {@code room} cut into parts. */
    private static List<String> lines(String text, int room) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            while (line.length() > room) {
                lines.add(line.substring(0, room));
                line = line.substring(room);
            }
            lines.add(line);
        }
        return lines;
    }
}
