package io.revbot.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Chooses how to chunk a file by its extension: markdown, JSON or YAML. Other files are not part of the knowledge base. */
public final class Chunker {
    private final MarkdownChunker markdown;
    private final StructuredChunker structured;

    public Chunker(ChunkingOptions options, FileLimits limits) {
        this.markdown = new MarkdownChunker(options, limits.maxNesting());
        this.structured = new StructuredChunker(options, limits.maxNesting());
    }

    public Chunker(ChunkingOptions options) {
        this(options, FileLimits.DEFAULT);
    }

    /** Whether a file with this name is ingested. */
    public static boolean accepts(String fileName) {
        return kind(fileName).isPresent();
    }

    /**
     * The chunks of one document.
     *
     * @param document path relative to the knowledge-base root, with {@code /} separators
     * @throws IllegalArgumentException when a JSON or YAML file does not parse, or a file nests too deeply
     */
    public List<Chunk> chunk(String document, String content) {
        return switch (kind(document).orElseThrow(() -> new IllegalArgumentException("not ingested: " + document))) {
            case "md" -> markdown.chunk(document, content);
            case "json" -> structured.chunk(document, content, StructuredChunker.Format.JSON);
            default -> structured.chunk(document, content, StructuredChunker.Format.YAML);
        };
    }

    private static Optional<String> kind(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Optional.of("md");
        }
        if (name.endsWith(".json")) {
            return Optional.of("json");
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.of("yaml");
        }
        return Optional.empty();
    }
}
