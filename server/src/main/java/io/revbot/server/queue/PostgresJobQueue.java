package io.revbot.server.queue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The durable queue: one table ({@code revbot_jobs}, migration {@code V300__jobs.sql}) shared by every RevBot
 * process on the database. A claim picks the oldest due job with {@code FOR UPDATE SKIP LOCKED}, so concurrent
 * workers never wait for each other nor take the same job; it is a lease ({@code lease_expires_at}) that a crashed
 * worker loses, after which any process takes the job over. Times come from the database clock, so processes on
 * different hosts agree on lease expiry. Outcomes are fenced by the claim's {@code lease_token}. Migrations
 * {@code V300} to {@code V302}.
 */
public final class PostgresJobQueue implements LeasingJobQueue {
    private static final String COLUMNS = "id, kind, idempotency_key, ordering_key, payload, state, attempts,"
            + " max_attempts, created_at, updated_at, result, last_error, owner, error_code";

    private static final String CLAIM = """
            WITH next AS (
                SELECT j.seq FROM revbot_jobs j
                WHERE j.kind = ANY (?)
                  AND ((j.state IN ('QUEUED', 'FAILED') AND j.run_at <= now())
                       OR (j.state = 'RUNNING' AND j.lease_expires_at < now() AND j.attempts < j.max_attempts))
                  AND (j.ordering_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM revbot_jobs e
                        WHERE e.ordering_key = j.ordering_key AND e.seq < j.seq
                          AND e.state IN ('QUEUED', 'RUNNING', 'FAILED')))
                ORDER BY j.run_at, j.seq
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE revbot_jobs j
               SET state = 'RUNNING', attempts = j.attempts + 1, lease_owner = ?, lease_token = ?,
                   lease_expires_at = now() + ? * interval '1 millisecond', updated_at = now()
              FROM next
             WHERE j.seq = next.seq
            RETURNING\s""" + "j." + COLUMNS.replace(", ", ", j.");

    private static final String DEAD_LETTER_LOST = """
            UPDATE revbot_jobs
               SET state = 'DEAD', finished_at = now(), updated_at = now(), lease_token = NULL, error_code = ?,
                   last_error = 'the worker running attempt ' || attempts || ' (' || coalesce(lease_owner, '?')
                                || ') lost its lease (crashed or stopped); no attempts left'
             WHERE state = 'RUNNING' AND lease_expires_at < now() AND attempts >= max_attempts AND kind = ANY (?)
            RETURNING\s""" + COLUMNS;

    /** How often a process purges old finished jobs (piggybacked on claims). */
    private static final long PURGE_EVERY_NANOS = Duration.ofMinutes(10).toNanos();

    private final DataSource dataSource;
    private final Duration keepSucceeded;
    private final Duration keepDead;
    private final AtomicLong nextPurge = new AtomicLong(System.nanoTime());

    /** Keeps succeeded jobs 7 days and dead ones 30 days (for status look-ups and replays). */
    public PostgresJobQueue(DataSource dataSource) {
        this(dataSource, Duration.ofDays(7), Duration.ofDays(30));
    }

    /** The schema must be migrated ({@code V300__jobs.sql}); constructing does no I/O. */
    public PostgresJobQueue(DataSource dataSource, Duration keepSucceeded, Duration keepDead) {
        this.dataSource = dataSource;
        this.keepSucceeded = keepSucceeded;
        this.keepDead = keepDead;
    }

    /**
     * Deletes succeeded jobs finished longer ago than the retention, and dead ones after theirs; returns how many.
     * Their idempotency keys go with them. Runs by itself every 10 minutes while workers claim.
     */
    public int purgeFinished() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM revbot_jobs
                         WHERE (state = 'SUCCEEDED' AND finished_at < now() - ? * interval '1 millisecond')
                            OR (state = 'DEAD' AND finished_at < now() - ? * interval '1 millisecond')""")) {
            ps.setLong(1, keepSucceeded.toMillis());
            ps.setLong(2, keepDead.toMillis());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("purge", e);
        }
    }

    private void purgeIfDue() {
        long now = System.nanoTime();
        long due = nextPurge.get();
        if (now - due >= 0 && nextPurge.compareAndSet(due, now + PURGE_EVERY_NANOS)) {
            purgeFinished();
        }
    }

    @Override
    public Enqueued enqueue(NewJob job) {
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO revbot_jobs (id, kind, idempotency_key, ordering_key, payload, max_attempts, owner)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING""")) {
                ps.setString(1, id);
                ps.setString(2, job.kind().name());
                ps.setString(3, job.idempotencyKey());
                ps.setString(4, job.orderingKey());
                ps.setString(5, job.payload());
                ps.setInt(6, job.maxAttempts());
                ps.setString(7, job.owner());
                if (ps.executeUpdate() == 1) {
                    return new Enqueued(new JobId(id), true);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM revbot_jobs WHERE idempotency_key = ?")) {
                ps.setString(1, job.idempotencyKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("job with idempotency key vanished: " + job.idempotencyKey());
                    }
                    return new Enqueued(new JobId(rs.getString(1)), false);
                }
            }
        } catch (SQLException e) {
            throw failure("enqueue", e);
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM revbot_jobs WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("find", e);
        }
    }

    @Override
    public long depth() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM revbot_jobs WHERE state IN ('QUEUED', 'FAILED')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("depth", e);
        }
    }

    @Override
    public Optional<Claim> claim(Set<JobKind> kinds, String worker, Duration lease) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        purgeIfDue();
        String token = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                Array kindArray =
                        c.createArrayOf("text", kinds.stream().map(Enum::name).toArray(String[]::new));
                ps.setArray(1, kindArray);
                ps.setString(2, worker);
                ps.setString(3, token);
                ps.setLong(4, lease.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Claim(job(rs), token)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw failure("claim", e);
        }
    }

    @Override
    public List<Job> deadLetterLost(Set<JobKind> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DEAD_LETTER_LOST)) {
            ps.setString(1, WORKER_LOST);
            ps.setArray(
                    2, c.createArrayOf("text", kinds.stream().map(Enum::name).toArray(String[]::new)));
            return jobs(ps);
        } catch (SQLException e) {
            throw failure("dead-letter lost jobs", e);
        }
    }

    @Override
    public List<Job> list(JobState state, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM revbot_jobs" + (state == null ? "" : " WHERE state = ?")
                + " ORDER BY updated_at DESC, seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (state != null) {
                ps.setString(i++, state.name());
            }
            ps.setInt(i, Math.max(0, limit));
            return jobs(ps);
        } catch (SQLException e) {
            throw failure("list", e);
        }
    }

    /** A new {@code seq} puts the job behind the others of its ordering key, as if enqueued now. */
    @Override
    public boolean retry(JobId id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        UPDATE revbot_jobs
                           SET state = 'QUEUED', attempts = 0, run_at = now(), finished_at = NULL, lease_owner = NULL,
                               lease_token = NULL, lease_expires_at = NULL, updated_at = now(),
                               seq = nextval(pg_get_serial_sequence('revbot_jobs', 'seq'))
                         WHERE id = ? AND state = 'DEAD'""")) {
            ps.setString(1, id.value());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("retry", e);
        }
    }

    private static List<Job> jobs(PreparedStatement ps) throws SQLException {
        List<Job> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(job(rs));
            }
        }
        return out;
    }

    @Override
    public boolean extend(Claim claim, Duration lease) {
        return update(
                "UPDATE revbot_jobs SET lease_expires_at = now() + ? * interval '1 millisecond', updated_at = now()"
                        + " WHERE id = ? AND lease_token = ? AND state = 'RUNNING'",
                claim,
                lease.toMillis());
    }

    @Override
    public boolean succeed(Claim claim, String result) {
        return update(
                "UPDATE revbot_jobs SET state = 'SUCCEEDED', result = ?, lease_token = NULL, finished_at = now(),"
                        + " updated_at = now() WHERE id = ? AND lease_token = ? AND state = 'RUNNING'",
                claim,
                result);
    }

    @Override
    public boolean fail(Claim claim, String code, String error, Duration retryDelay, boolean permanent) {
        String sql = """
                UPDATE revbot_jobs
                   SET error_code = ?, last_error = ?, lease_token = NULL, updated_at = now(),
                       state = CASE WHEN ? OR attempts >= max_attempts THEN 'DEAD' ELSE 'FAILED' END,
                       finished_at = CASE WHEN ? OR attempts >= max_attempts THEN now() END,
                       run_at = now() + ? * interval '1 millisecond'
                 WHERE id = ? AND lease_token = ? AND state = 'RUNNING'""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            ps.setString(2, error);
            ps.setBoolean(3, permanent);
            ps.setBoolean(4, permanent);
            ps.setLong(5, retryDelay.toMillis());
            ps.setString(6, claim.job().id().value());
            ps.setString(7, claim.token());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("fail", e);
        }
    }

    @Override
    public boolean release(Claim claim) {
        return update(
                "UPDATE revbot_jobs SET state = 'QUEUED', attempts = attempts - 1, lease_token = NULL,"
                        + " lease_owner = NULL, lease_expires_at = NULL, run_at = now(), updated_at = now()"
                        + " WHERE id = ? AND lease_token = ? AND state = 'RUNNING'",
                claim);
    }

    @Override
    public QueueStats stats() {
        String sql = """
                SELECT count(*) FILTER (WHERE state IN ('QUEUED', 'FAILED')),
                       count(*) FILTER (WHERE state = 'RUNNING'),
                       count(*) FILTER (WHERE state = 'DEAD'),
                       coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE state IN ('QUEUED', 'FAILED')))
                                * 1000, 0)
                  FROM revbot_jobs""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new QueueStats(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), Duration.ofMillis(Math.max(0, rs.getLong(4))));
        } catch (SQLException e) {
            throw failure("stats", e);
        }
    }

    /** Runs an update fenced by the claim: binds {@code leading} values, then the job id and the claim token. */
    private boolean update(String sql, Claim claim, Object... leading) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object value : leading) {
                ps.setObject(i++, value);
            }
            ps.setString(i++, claim.job().id().value());
            ps.setString(i, claim.token());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(
                new JobId(rs.getString("id")),
                JobKind.valueOf(rs.getString("kind")),
                rs.getString("idempotency_key"),
                rs.getString("ordering_key"),
                rs.getString("payload"),
                JobState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                Optional.ofNullable(rs.getString("result")),
                Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(rs.getString("owner")),
                Optional.ofNullable(rs.getString("error_code")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static IllegalStateException failure(String operation, SQLException e) {
        return new IllegalStateException("job queue " + operation + " failed: " + e.getMessage(), e);
    }
}
