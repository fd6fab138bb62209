package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.RecordValidator.Finding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every run and exports it when it ends. On the run's threads it only appends the event to the run's list
 * (cheap, thread-safe); when {@code RunSucceeded} or {@code RunFailed} arrives, the run is handed to the recorder's
 * own export thread, which assembles the record, redacts, validates, scores and writes it to every exporter. Export
 * never slows or fails the answer: a full queue drops the export, a failing exporter is logged; both are counted
 * ({@link #stats()}).
 */
public final class RunRecorder implements RunListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    /** Counters of what the recorder did, for metrics and health. */
    public record Stats(long exported, long failed, long dropped, int inFlight) {}

    private final ConversationAssembler assembler;
    private final Redactor redactor;
    private final RecordValidator validator;
    private final List<ConversationExporter> exporters;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Map<RunId, List<RunEvent>> runs = new ConcurrentHashMap<>();
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public RunRecorder(PriceTable prices, Redactor redactor, List<ConversationExporter> exporters, Clock clock) {
        this.assembler = new ConversationAssembler(Objects.requireNonNull(prices, "prices"));
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.validator = new RecordValidator();
        this.exporters = List.copyOf(exporters);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000),
                r -> {
                    Thread t = new Thread(r, "revbot-export");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.AnswerDelta) {
            return; // thousands per answer, and the answer is recorded whole from AnswerProduced
        }
        List<RunEvent> events = runs.computeIfAbsent(event.runId(), id -> new ArrayList<>());
        synchronized (events) {
            events.add(event);
        }
        if (event instanceof RunEvent.RunSucceeded || event instanceof RunEvent.RunFailed) {
            List<RunEvent> finished = runs.remove(event.runId());
            if (finished == null) {
                return;
            }
            try {
                executor.execute(() -> export(event.runId(), finished));
            } catch (RejectedExecutionException e) {
                dropped.incrementAndGet();
                LOG.warn("conversation export of run {} dropped: the export queue is full or closed", event.runId());
            }
        }
    }

    private void export(RunId runId, List<RunEvent> events) {
        PreparedExport export;
        try {
            List<RunEvent> snapshot;
            synchronized (events) {
                snapshot = List.copyOf(events);
            }
            export = prepare(runId, snapshot);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("conversation export of run {} failed while preparing it", runId, e);
            return;
        }
        boolean ok = true;
        for (ConversationExporter exporter : exporters) {
            try {
                String where = exporter.write(export);
                LOG.debug("run {} exported to {}", runId, where);
            } catch (Exception e) {
                ok = false;
                LOG.warn("conversation export of run {} failed: {}", runId, e.toString());
            }
        }
        (ok ? exported : failed).incrementAndGet();
    }

    /** Assembles, redacts, validates and scores a run's events. Pure apart from reading the clock. */
    public PreparedExport prepare(RunId runId, List<RunEvent> events) {
        ConversationAssembler.Assembled assembled = assembler.assemble(runId, events);
        ConversationRecord record = assembled.record();
        Instant now = clock.instant();
        ObjectNode conversation = ConversationJson.toJson(record, now);
        Redactor.Hits hits = redactor.redact(conversation);
        List<Finding> findings = validator.validate(record, conversation, assembled.anomalies());
        QualityScore quality = QualityScore.of(record, hits);
        String folder = folder(record, now);
        ObjectNode metadata = metadata(record, folder, now, quality, findings, hits);
        redactor.redact(metadata);
        return new PreparedExport(
                runId,
                folder,
                record,
                ConversationJson.write(conversation),
                ConversationJson.write(metadata),
                quality,
                findings,
                hits);
    }

    static String folder(ConversationRecord record, Instant fallback) {
        Instant at = record.startedAt() != null ? record.startedAt() : fallback;
        return DAY.format(at) + "/" + STAMP.format(at) + "-"
                + record.runId().value().replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static ObjectNode metadata(
            ConversationRecord r,
            String folder,
            Instant now,
            QualityScore quality,
            List<Finding> findings,
            Redactor.Hits hits) {
        ObjectNode m = ConversationJson.MAPPER.createObjectNode();
        m.put("format", "revbot.conversation.metadata");
        m.put("schema_version", ConversationJson.SCHEMA_VERSION);
        m.put("run_id", r.runId().value());
        m.put("exported_at", now.toString());
        m.put("folder", folder);
        ObjectNode summary = m.putObject("summary");
        summary.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        summary.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        summary.put(
                "channel",
                r.request() == null ? null : r.request().channel().name().toLowerCase(java.util.Locale.ROOT));
        summary.put(
                "session_id", r.request() == null ? null : r.request().session().value());
        summary.put("requester", r.request() == null ? null : r.request().requester());
        summary.put("question", r.request() == null ? null : r.request().question());
        summary.put(
                "routing",
                r.routing() == null ? null : r.routing().routing().name().toLowerCase(java.util.Locale.ROOT));
        Set<String> agents = new LinkedHashSet<>();
        Set<String> tools = new LinkedHashSet<>();
        for (Invocation s : r.agentFlow()) {
            agents.add(s.agent().value());
            s.toolExecutions().forEach(t -> tools.add(t.tool()));
        }
        ArrayNode a = summary.putArray("agents");
        agents.forEach(a::add);
        ArrayNode t = summary.putArray("tools");
        tools.forEach(t::add);
        summary.put(
                "duration_ms",
                r.totals().duration() == null ? null : r.totals().duration().toMillis());
        summary.put("total_tokens", r.totals().tokens().total());
        summary.put("estimated_cost_usd", r.totals().estimatedCostUsd());
        if (r.answer() == null || r.answer().grounding() == null) {
            m.putNull("grounding");
        } else {
            m.set("grounding", GroundingJson.toJson(r.answer().grounding()));
        }
        ObjectNode q = m.putObject("quality");
        q.put("score", quality.score());
        ObjectNode components = q.putObject("components");
        quality.components().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> components.put(e.getKey(), e.getValue()));
        ObjectNode weights = q.putObject("weights");
        QualityScore.WEIGHTS.forEach(weights::put);
        ObjectNode v = m.putObject("validation");
        v.put("valid", findings.isEmpty());
        ArrayNode list = v.putArray("findings");
        findings.forEach(f -> list.addObject().put("rule", f.rule()).put("message", f.message()));
        ObjectNode red = m.putObject("redaction");
        red.put("hits", hits.total());
        ObjectNode byKind = red.putObject("by_kind");
        hits.byKind().forEach(byKind::put);
        return m;
    }

    public Stats stats() {
        return new Stats(
                exported.get(), failed.get(), dropped.get(), executor.getQueue().size() + executor.getActiveCount());
    }

    /** Waits until every export handed over so far is written (tests, shutdown). */
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (executor.getQueue().size() + executor.getActiveCount() > 0
                || !executor.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Finishes the exports already queued (up to ten seconds), then stops the export thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("conversation exports still queued at shutdown were dropped");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
