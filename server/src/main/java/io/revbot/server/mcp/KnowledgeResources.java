package io.revbot.server.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The knowledge base's markdown documents as MCP resources, {@code revbot://knowledge/<path>} (the path under
 * {@code REVBOT_KNOWLEDGE_DIR}, with {@code /}). The list is taken when the server starts; a read returns the file
 * as it is now. Each resource is bound to one file found by walking the folder, so no URI can reach outside it.
 */
final class KnowledgeResources {
    static final String PREFIX = "revbot://knowledge/";
    private static final String MIME = "text/markdown";

    /** One document: what clients list, and the file behind it. */
    record Document(McpSchema.Resource resource, Path file) {
        McpSchema.ReadResourceResult read() {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                return new McpSchema.ReadResourceResult(
                        List.of(new McpSchema.TextResourceContents(resource.uri(), MIME, text)));
            } catch (IOException e) {
                throw McpError.RESOURCE_NOT_FOUND.apply(resource.uri());
            }
        }
    }

    private KnowledgeResources() {}

    /** The documents under {@code root}, sorted by path; none when the folder does not exist. */
    static List<Document> scan(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .map(p -> document(root, p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the knowledge base " + root, e);
        }
    }

    private static Document document(Path root, Path file) {
        String path = root.relativize(file).toString().replace('\\', '/');
        McpSchema.Resource resource = McpSchema.Resource.builder()
                .uri(PREFIX + path)
                .name(path)
                .title(title(file).orElse(path))
                .description("RevOps knowledge base document " + path)
                .mimeType(MIME)
                .size(size(file))
                .build();
        return new Document(resource, file);
    }

    /** The document's first heading. */
    private static Optional<String> title(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("# "))
                    .map(l -> l.substring(2).strip())
                    .filter(t -> !t.isEmpty())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return null;
        }
    }
}
