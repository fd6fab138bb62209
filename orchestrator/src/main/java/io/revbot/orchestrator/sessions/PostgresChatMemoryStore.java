package io.revbot.orchestrator.sessions;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Session memory in PostgreSQL: one row per session in {@code revbot_sessions} (migration
 * {@code V100__sessions.sql}), messages as LangChain4j's JSON. Survives restarts and is shared by every RevBot
 * process using the database. A session idle for the time to live reads as empty and is purged now and then, as in
 * {@link FileChatMemoryStore}; times come from the given clock, like the file store's, so both expire alike.
 */
public final class PostgresChatMemoryStore implements ChatMemoryStore {
    private final DataSource dataSource;
    private final SessionExpiry expiry;

    public PostgresChatMemoryStore(DataSource dataSource, Duration timeToLive, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.expiry = new SessionExpiry(timeToLive, clock);
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT messages::text FROM revbot_sessions WHERE session_id = ? AND updated_at > ?")) {
            s.setString(1, String.valueOf(memoryId));
            s.setObject(2, timestamp(expiry.cutoff()));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? ChatMessageDeserializer.messagesFromJson(rs.getString(1)) : List.of();
            }
        } catch (SQLException e) {
            throw new UpstreamException("sessions database", "cannot read session: " + e.getMessage(), true, e);
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String sql = "INSERT INTO revbot_sessions (session_id, messages, updated_at) VALUES (?, ?::jsonb, ?)"
                + " ON CONFLICT (session_id) DO UPDATE SET messages = EXCLUDED.messages, updated_at = EXCLUDED.updated_at";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, String.valueOf(memoryId));
            s.setString(2, ChatMessageSerializer.messagesToJson(messages));
            s.setObject(3, timestamp(expiry.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new UpstreamException("sessions database", "cannot save session: " + e.getMessage(), true, e);
        }
        if (expiry.purgeDue()) {
            purgeExpired();
        }
    }

    /** Deletes every session idle for longer than the time to live; returns how many. */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM revbot_sessions WHERE updated_at <= ?")) {
            s.setObject(1, timestamp(expiry.cutoff()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new UpstreamException("sessions database", "cannot purge sessions: " + e.getMessage(), true, e);
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM revbot_sessions WHERE session_id = ?")) {
            s.setString(1, String.valueOf(memoryId));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new UpstreamException("sessions database", "cannot delete session: " + e.getMessage(), true, e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
