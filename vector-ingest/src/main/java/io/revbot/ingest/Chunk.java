package io.revbot.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A piece of a knowledge-base document, the unit that is embedded and searched.
 *
 * @param document path relative to the knowledge-base root, with {@code /} separators
 * @param headingPath the headings above the chunk, document title first, joined with {@code " > "}
 * @param ordinal position of the chunk among the chunks with the same heading path (0, 1, …)
 * @param text the chunk's own text (markdown), without the heading path
 */
public record Chunk(String document, String headingPath, int ordinal, String text) {
    public static final String PATH_SEPARATOR = " > ";

    public Chunk {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(headingPath, "headingPath");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The chunk's stable identity: where it sits (document, heading path, ordinal), not what it says. A chunk whose
     * text changes keeps its id and is reported as updated.
     */
    public UUID id() {
        return UUID.nameUUIDFromBytes(
                (document + '\u0000' + headingPath + '\u0000' + ordinal).getBytes(StandardCharsets.UTF_8));
    }

    /** What is embedded: the heading path gives every chunk its context. */
    public String embeddingText() {
        return headingPath + "\n\n" + text;
    }

    /** SHA-256 of what is embedded; equal hashes mean the stored vector is still right. */
    public String contentHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(embeddingText().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The top-level folder of the document ({@code schema}, {@code sql_patterns}, …), or empty at the root. */
    public String folder() {
        int slash = document.indexOf('/');
        return slash < 0 ? "" : document.substring(0, slash);
    }
}
