package io.revbot.orchestrator.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes exports under a root directory ({@code REVBOT_EXPORT_DIR}, default {@code REVBOT_HOME/conversations}).
 * Each file is written to a temporary name and moved into place, so readers never see half a file; {@code
 * metadata.json} is written last, so a folder with it is complete.
 */
public final class DirectoryExporter implements ConversationExporter {
    private final Path root;

    public DirectoryExporter(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    @Override
    public String write(PreparedExport export) throws IOException {
        Path folder = root.resolve(export.folder());
        Files.createDirectories(folder);
        writeAtomically(folder.resolve(PreparedExport.CONVERSATION_FILE), export.conversationJson());
        writeAtomically(folder.resolve(PreparedExport.METADATA_FILE), export.metadataJson());
        return folder.toString();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path root() {
        return root;
    }
}
