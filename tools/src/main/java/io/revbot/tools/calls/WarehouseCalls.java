package io.revbot.tools.calls;

import io.revbot.tools.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls as the warehouse mirrors them: {@code gong_call_f} (hosts resolved through {@code employee_d}) and, in the
 * demo, the {@code transcript} table standing in for Gong's transcript API. Timestamps are read as UTC.
 */
public final class WarehouseCalls implements Calls {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Warehouse warehouse;

    public WarehouseCalls(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    @Override
    public String describe() {
        return "warehouse call tables (" + warehouse.describe() + ")";
    }

    @Override
    public void check() {
        warehouse.query("SELECT count(*) FROM gong_call_f", 1, TIMEOUT);
    }

    @Override
    public Listing list(Query query) {
        StringBuilder sql = new StringBuilder("SELECT c.gong_call_id, c.gong_title, c.gong_call_start_ts,"
                + " c.gong_call_duration, trim(coalesce(e.first_name, '') || ' ' || coalesce(e.last_name, '')),"
                + " c.gong_participants_emails, c.gong_primary_account, c.gong_related_opportunity,"
                + " c.gong_call_brief, c.gong_call_key_points, c.gong__call_highlights_next_steps"
                + " FROM gong_call_f c LEFT JOIN employee_d e ON e.sf_user_id = c.sf_owner_id"
                + " WHERE coalesce(c.is_deleted, false) = false"
                + " AND c.gong_call_start_ts >= CAST(? AS TIMESTAMP) AND c.gong_call_start_ts < CAST(? AS TIMESTAMP)");
        List<Object> params = new ArrayList<>();
        params.add(utc(query.from()));
        params.add(utc(query.to()));
        if (query.accountId().isPresent()) {
            sql.append(" AND c.gong_primary_account = ?");
            params.add(query.accountId().get());
        }
        if (query.opportunityId().isPresent()) {
            sql.append(" AND c.gong_related_opportunity = ?");
            params.add(query.opportunityId().get());
        }
        int limit = Math.max(1, Math.min(query.limit(), 500));
        // One row more than asked for tells whether there were more.
        sql.append(" ORDER BY c.gong_call_start_ts DESC LIMIT ").append(limit + 1);
        Warehouse.QueryResult r = warehouse.query(sql.toString(), params, limit + 1, TIMEOUT);
        List<Call> calls = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            calls.add(new Call(
                    String.valueOf(row.get(0)),
                    row.get(1) == null ? "" : row.get(1).toString(),
                    instant(row.get(2)),
                    Optional.ofNullable(row.get(3)).map(v -> ((Number) v).longValue()),
                    opt(row.get(4)),
                    row.get(5) == null
                            ? List.of()
                            : Arrays.stream(row.get(5).toString().split(","))
                                    .map(String::strip)
                                    .filter(s -> !s.isEmpty())
                                    .toList(),
                    opt(row.get(6)),
                    opt(row.get(7)),
                    opt(row.get(8)),
                    opt(row.get(9)),
                    opt(row.get(10))));
        }
        if (calls.size() > limit) {
            return new Listing(
                    calls.subList(0, limit),
                    Optional.of("more than " + limit + " calls match; these are the newest " + limit
                            + ": narrow the date range to see older ones"));
        }
        return Listing.complete(calls);
    }

    @Override
    public Optional<Transcript> transcript(String callId) {
        Warehouse.QueryResult call = warehouse.query(
                "SELECT gong_title, gong_call_start_ts FROM gong_call_f WHERE gong_call_id = ?",
                List.of(callId),
                1,
                TIMEOUT);
        if (call.rows().isEmpty()) {
            return Optional.empty();
        }
        Warehouse.QueryResult lines = warehouse.query(
                "SELECT speaker, email, start_second, text FROM transcript WHERE gong_call_id = ?"
                        + " ORDER BY start_second",
                List.of(callId),
                5_000,
                TIMEOUT);
        if (lines.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Utterance> utterances = new ArrayList<>();
        for (List<Object> row : lines.rows()) {
            utterances.add(new Utterance(
                    row.get(0) == null ? "Unknown speaker" : row.get(0).toString(),
                    opt(row.get(1)),
                    row.get(2) == null ? 0 : ((Number) row.get(2)).longValue(),
                    row.get(3) == null ? "" : row.get(3).toString()));
        }
        List<Object> head = call.rows().get(0);
        return Optional.of(new Transcript(
                callId, head.get(0) == null ? "" : head.get(0).toString(), instant(head.get(1)), utterances));
    }

    private static String utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(TS);
    }

    static Instant instant(Object v) {
        if (v == null) {
            return Instant.EPOCH;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        return LocalDateTime.parse(v.toString().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    private static Optional<String> opt(Object v) {
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString());
    }
}
