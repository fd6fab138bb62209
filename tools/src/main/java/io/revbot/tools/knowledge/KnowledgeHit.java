package io.revbot.tools.knowledge;

import java.util.Objects;

/**
 * One chunk of the knowledge base that matched a query.
 *
 * @param document path of the file relative to the knowledge-base root, e.g. {@code schema/gong_call_f.md}
 * @param headingPath headings from the document title down to the chunk, joined with {@code " > "}
 * @param text the chunk's text (markdown)
 * @param score relevance, higher is better; comparable only within one result list
 */
public record KnowledgeHit(String document, String headingPath, String text, double score) {
    public KnowledgeHit {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(headingPath, "headingPath");
        Objects.requireNonNull(text, "text");
    }

    /** The top-level folder of the document ({@code schema}, {@code sql_patterns}, …), or empty at the root. */
    public String folder() {
        int slash = document.indexOf('/');
        return slash < 0 ? "" : document.substring(0, slash);
    }
}
