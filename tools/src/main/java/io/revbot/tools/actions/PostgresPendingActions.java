package io.revbot.tools.actions;

import io.revbot.tools.UpstreamException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Pending actions in PostgreSQL (tables of migration {@code V400__pending_actions.sql}), so approvals survive
 * restarts and several RevBot processes can take button clicks: the claim is one conditional
 * {@code UPDATE … WHERE status = 'PENDING' AND decided_by IS NULL AND expires_at > now RETURNING}, which PostgreSQL
 * serialises per row, so exactly one approver wins.
 */
public final class PostgresPendingActions extends PendingActionStore {
    private static final String COLUMNS =
            "id, kind, summary, requested_by, context, created_at, expires_at, status, decided_by, outcome,"
                    + " read_sources, outside_content";

    private final DataSource dataSource;

    public PostgresPendingActions(DataSource dataSource, ActionExecutor executor) {
        super(executor);
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public PendingAction create(ActionRequest r, Instant now) {
        String id = newId();
        update(
                "INSERT INTO pending_actions (id, kind, summary, payload, requested_by, context, created_at, expires_at,"
                        + " status, read_sources, outside_content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)",
                id,
                r.kind(),
                r.summary(),
                r.payload(),
                r.requestedBy(),
                r.context(),
                ts(now),
                ts(now.plus(r.timeToLive())),
                r.provenance().sourcesText(),
                r.provenance().outsideContent());
        return find(id).orElseThrow();
    }

    @Override
    public Optional<PendingAction> find(String actionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pending_actions WHERE id = ?")) {
            s.setString(1, actionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(action(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read pending action", e);
        }
    }

    @Override
    public List<AuditRecord> auditTrail(String actionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT action_id, decision, actor, decided_at, status, outcome"
                                + " FROM pending_action_audit WHERE action_id = ? ORDER BY id")) {
            s.setString(1, actionId);
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditRecord(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(),
                            PendingAction.Status.valueOf(rs.getString(5)),
                            rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read the audit trail", e);
        }
    }

    @Override
    protected Optional<Claim> claim(String actionId, String approver, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE pending_actions SET decided_by = ?, decided_at = ?"
                        + " WHERE id = ? AND status = 'PENDING' AND decided_by IS NULL AND expires_at > ?"
                        + " RETURNING kind, payload")) {
            s.setString(1, approver);
            s.setObject(2, ts(now));
            s.setString(3, actionId);
            s.setObject(4, ts(now));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("claim pending action", e);
        }
    }

    @Override
    protected void finish(String actionId, PendingAction.Status status, String outcome) {
        update("UPDATE pending_actions SET status = ?, outcome = ? WHERE id = ?", status.name(), outcome, actionId);
    }

    @Override
    protected boolean expire(String actionId, Instant now) {
        return update(
                        "UPDATE pending_actions SET status = 'EXPIRED', outcome = 'expired unapproved' WHERE id = ?"
                                + " AND status = 'PENDING' AND decided_by IS NULL AND expires_at <= ?",
                        actionId,
                        ts(now))
                == 1;
    }

    @Override
    protected List<String> dueForExpiry(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id FROM pending_actions"
                        + " WHERE status = 'PENDING' AND decided_by IS NULL AND expires_at <= ? ORDER BY expires_at")) {
            s.setObject(1, ts(now));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("find expired actions", e);
        }
    }

    @Override
    protected boolean markRejected(String actionId, String approver, Instant now) {
        return update(
                        "UPDATE pending_actions SET status = 'REJECTED', decided_by = ?, decided_at = ?, outcome = ?"
                                + " WHERE id = ? AND status = 'PENDING' AND decided_by IS NULL",
                        approver,
                        ts(now),
                        "rejected by " + approver,
                        actionId)
                == 1;
    }

    @Override
    protected void audit(
            String actionId, String decision, String actor, Instant at, PendingAction.Status status, String outcome) {
        update(
                "INSERT INTO pending_action_audit (action_id, decision, actor, decided_at, status, outcome)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                actionId,
                decision,
                actor,
                ts(at),
                status.name(),
                outcome);
    }

    private int update(String sql, Object... values) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write pending action", e);
        }
    }

    private static PendingAction action(ResultSet rs) throws SQLException {
        return new PendingAction(
                rs.getString("id"),
                rs.getString("kind"),
                rs.getString("summary"),
                rs.getString("requested_by"),
                rs.getString("context"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                PendingAction.Status.valueOf(rs.getString("status")),
                Optional.ofNullable(rs.getString("decided_by")),
                Optional.ofNullable(rs.getString("outcome")),
                Provenance.parse(rs.getString("read_sources"), (Boolean) rs.getObject("outside_content")));
    }

    private static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static UpstreamException failure(String what, SQLException e) {
        return new UpstreamException("PostgreSQL", "cannot " + what + ": " + e.getMessage(), true, e);
    }
}
