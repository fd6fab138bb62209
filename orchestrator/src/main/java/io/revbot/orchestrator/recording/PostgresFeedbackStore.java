package io.revbot.orchestrator.recording;

import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Feedback in PostgreSQL: one row per run in {@code revbot_run_feedback} (migration {@code V101__run_feedback.sql}),
 * shared by every RevBot process using the database, so a click handled by one process shows in another's list.
 */
public final class PostgresFeedbackStore implements FeedbackStore {
    private final DataSource dataSource;

    public PostgresFeedbackStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void record(RunFeedback feedback) {
        String sql = "INSERT INTO revbot_run_feedback (run_id, value, user_id, recorded_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (run_id) DO UPDATE SET value = EXCLUDED.value, user_id = EXCLUDED.user_id,"
                + " recorded_at = EXCLUDED.recorded_at";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, feedback.runId());
            s.setString(2, feedback.value().label());
            s.setString(3, feedback.user());
            s.setObject(4, OffsetDateTime.ofInstant(feedback.at(), ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new UpstreamException("feedback database", "cannot store feedback: " + e.getMessage(), true, e);
        }
    }

    @Override
    public Optional<RunFeedback> find(String runId) {
        return Optional.ofNullable(query(" WHERE run_id = ?", runId).get(runId));
    }

    @Override
    public Map<String, RunFeedback> all() {
        return query("", null);
    }

    private Map<String, RunFeedback> query(String where, String runId) {
        String sql = "SELECT run_id, value, user_id, recorded_at FROM revbot_run_feedback" + where;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (runId != null) {
                s.setString(1, runId);
            }
            Map<String, RunFeedback> out = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            new RunFeedback(
                                    rs.getString(1),
                                    RunFeedback.Value.parse(rs.getString(2)),
                                    rs.getString(3),
                                    rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new UpstreamException("feedback database", "cannot read feedback: " + e.getMessage(), true, e);
        }
    }
}
