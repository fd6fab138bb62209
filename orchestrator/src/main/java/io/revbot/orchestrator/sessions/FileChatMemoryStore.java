package io.revbot.orchestrator.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.revbot.tools.UpstreamException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Session memory in files under a directory ({@code REVBOT_HOME/sessions} in embedded mode): one JSON file per
 * session ({@code {"session_id", "updated_at", "messages"}}, messages as LangChain4j's JSON), named by the SHA-256 of
 * the session id so any id is a safe file name. A write goes to a temporary file that is then renamed over the old
 * one, so a reader (another thread, or a later CLI process) sees the old or the new conversation, never half of
 * one; concurrent writers of one session leave the last one's messages, as the PostgreSQL store does. Expiry as
 * {@link PostgresChatMemoryStore}: a session idle for the time to live reads as empty and is purged.
 */
public final class FileChatMemoryStore implements ChatMemoryStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final SessionExpiry expiry;

    /** The directory is created on the first write; the constructor does no I/O. */
    public FileChatMemoryStore(Path directory, Duration timeToLive, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.expiry = new SessionExpiry(timeToLive, clock);
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        Path file = file(memoryId);
        JsonNode stored;
        try {
            stored = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw failure("cannot read session " + file.getFileName(), e);
        }
        if (expired(stored)) {
            return List.of();
        }
        return ChatMessageDeserializer.messagesFromJson(stored.path("messages").toString());
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        ObjectNode stored = JSON.createObjectNode();
        stored.put("session_id", String.valueOf(memoryId));
        stored.put("updated_at", expiry.now().toString());
        try {
            stored.set("messages", JSON.readTree(ChatMessageSerializer.messagesToJson(messages)));
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".session-", ".tmp");
            try {
                Files.writeString(temporary, JSON.writeValueAsString(stored), StandardCharsets.UTF_8);
                move(temporary, file(memoryId));
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw failure("cannot save session in " + directory, e);
        }
        if (expiry.purgeDue()) {
            purgeExpired();
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        try {
            Files.deleteIfExists(file(memoryId));
        } catch (IOException e) {
            throw failure("cannot delete session", e);
        }
    }

    /** Deletes every session idle for longer than the time to live; returns how many. */
    public int purgeExpired() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int purged = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    if (expired(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)))
                            && Files.deleteIfExists(file)) {
                        purged++;
                    }
                } catch (NoSuchFileException e) {
                    // deleted by another process meanwhile
                }
            }
        } catch (IOException e) {
            throw failure("cannot purge expired sessions in " + directory, e);
        }
        return purged;
    }

    private boolean expired(JsonNode stored) {
        try {
            return expiry.expired(Instant.parse(stored.path("updated_at").asText("")));
        } catch (DateTimeParseException e) {
            return true; // not written by this store: treat as gone rather than fail every question of the session
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path file(Object memoryId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(memoryId).getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(hash) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static UpstreamException failure(String message, IOException e) {
        return new UpstreamException("sessions directory", message + ": " + e.getMessage(), false, e);
    }
}
