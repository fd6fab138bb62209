package io.revbot.tools.crm;

import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code crm_updates} table: where {@link WarehouseCrm} writes approved CRM changes, since the warehouse itself
 * is read-only (and a mirror that the next sync would overwrite). It lives in a writable database of its own: the
 * RevBot database when {@code REVBOT_DATABASE_URL} is set (migration {@code V401__crm_updates.sql}), else a DuckDB
 * file under {@code REVBOT_HOME}. Reads through {@link WarehouseCrm#getRecord} show the latest logged values.
 */
public final class CrmUpdateLog {
    static final String DDL = "CREATE TABLE IF NOT EXISTS crm_updates (update_id VARCHAR(64) PRIMARY KEY,"
            + " record_type VARCHAR(32) NOT NULL, record_id VARCHAR(64) NOT NULL, field VARCHAR(128) NOT NULL,"
            + " old_value VARCHAR, new_value VARCHAR, approved_by VARCHAR(128), applied_at TIMESTAMP NOT NULL)";

    /** Opens a connection to the log's database; each write opens and closes one. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** One logged change. */
    public record Update(
            String recordType,
            String recordId,
            String field,
            Optional<String> oldValue,
            Optional<String> newValue,
            String approvedBy,
            Instant appliedAt) {}

    private final ConnectionSource database;
    private final String description;
    private volatile boolean created;

    public CrmUpdateLog(ConnectionSource database, String description) {
        this.database = Objects.requireNonNull(database, "database");
        this.description = Objects.requireNonNull(description, "description");
    }

    public String describe() {
        return description;
    }

    public synchronized void append(Update u) {
        try (Connection c = database.open()) {
            ensureTable(c);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO crm_updates (update_id, record_type, record_id,"
                    + " field, old_value, new_value, approved_by, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, u.recordType());
                s.setString(3, u.recordId());
                s.setString(4, u.field());
                s.setString(5, u.oldValue().orElse(null));
                s.setString(6, u.newValue().orElse(null));
                s.setString(7, u.approvedBy());
                s.setObject(8, LocalDateTime.ofInstant(u.appliedAt(), ZoneOffset.UTC));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new UpstreamException("crm_updates", "cannot log the CRM update: " + e.getMessage(), false, e);
        }
    }

    /** Every logged change to one record, oldest first. */
    public synchronized List<Update> forRecord(String recordType, String recordId) {
        try (Connection c = database.open()) {
            ensureTable(c);
            try (PreparedStatement s = c.prepareStatement("SELECT record_type, record_id, field, old_value, new_value,"
                    + " approved_by, applied_at FROM crm_updates WHERE record_type = ? AND record_id = ?"
                    + " ORDER BY applied_at, update_id")) {
                s.setString(1, recordType);
                s.setString(2, recordId);
                List<Update> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Update(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Optional.ofNullable(rs.getString(4)),
                                Optional.ofNullable(rs.getString(5)),
                                rs.getString(6),
                                rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw new UpstreamException("crm_updates", "cannot read the CRM update log: " + e.getMessage(), false, e);
        }
    }

    private void ensureTable(Connection c) throws SQLException {
        if (!created) {
            try (Statement s = c.createStatement()) {
                s.execute(DDL);
            }
            created = true;
        }
    }
}
