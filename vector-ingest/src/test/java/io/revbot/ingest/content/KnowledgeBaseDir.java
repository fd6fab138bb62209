package io.revbot.ingest.content;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code knowledge_base/} folder, seen from the module's working directory. */
final class KnowledgeBaseDir {
    private KnowledgeBaseDir() {}

    static Path get() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("knowledge_base");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "no knowledge_base/ folder above " + Path.of("").toAbsolutePath());
    }
}
