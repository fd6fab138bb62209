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
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Session memory in PostgreSQL: one row per session in {@code revbot_sessions} (migration
 * {@code V100__sessions.sql}), messages as LangChain4j's JSON. Survives restarts and is shared by every RevBot
 * process using the database.
 */
public final class PostgresChatMemoryStore implements ChatMemoryStore {
    private final DataSource dataSource;

    public PostgresChatMemoryStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT messages::text FROM revbot_sessions WHERE session_id = ?")) {
            s.setString(1, String.valueOf(memoryId));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? ChatMessageDeserializer.messagesFromJson(rs.getString(1)) : List.of();
            }
        } catch (SQLException e) {
            throw new UpstreamException("sessions database", "cannot read session: " + e.getMessage(), true, e);
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String sql = "INSERT INTO revbot_sessions (session_id, messages, updated_at) VALUES (?, ?::jsonb, now())"
                + " ON CONFLICT (session_id) DO UPDATE SET messages = EXCLUDED.messages, updated_at = now()";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, String.valueOf(memoryId));
            s.setString(2, ChatMessageSerializer.messagesToJson(messages));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new UpstreamException("sessions database", "cannot save session: " + e.getMessage(), true, e);
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
}
