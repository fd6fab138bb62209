package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the exports under a directory ({@code YYYY/MM/DD/<timestamp>-<run id>/}) back: summaries from each
 * {@code metadata.json} for lists and filters, whole conversations for the timeline view and usage analytics.
 * Folders without {@code metadata.json} (an export still being written) are skipped; unreadable files are logged
 * and skipped, so one damaged export never hides the others.
 */
public final class ConversationStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStore.class);

    /** One exported run as listed: the summary fields of its {@code metadata.json}. */
    public record Summary(
            String runId,
            String folder,
            Instant startedAt,
            String status,
            String channel,
            String requester,
            String routing,
            List<String> agents,
            List<String> tools,
            String question,
            Long durationMs,
            long totalTokens,
            Double costUsd,
            double quality,
            boolean valid,
            String feedback) {
        Summary withFeedback(String value) {
            return new Summary(
                    runId,
                    folder,
                    startedAt,
                    status,
                    channel,
                    requester,
                    routing,
                    agents,
                    tools,
                    question,
                    durationMs,
                    totalTokens,
                    costUsd,
                    quality,
                    valid,
                    value);
        }
    }

    /**
     * Criteria of a list; empty fields match everything. {@code agent} and {@code tool} match any step;
     * {@code feedback} ({@code positive}, {@code negative}) the feedback given on the answer.
     */
    public record Filter(
            Optional<Instant> since,
            Optional<Instant> until,
            Optional<String> channel,
            Optional<String> agent,
            Optional<String> tool,
            Optional<String> status,
            Optional<String> feedback,
            int limit) {
        /** Criteria without a feedback filter. */
        public Filter(
                Optional<Instant> since,
                Optional<Instant> until,
                Optional<String> channel,
                Optional<String> agent,
                Optional<String> tool,
                Optional<String> status,
                int limit) {
            this(since, until, channel, agent, tool, status, Optional.empty(), limit);
        }

        public static Filter all() {
            return new Filter(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Integer.MAX_VALUE);
        }

        public static Filter since(Instant since) {
            return new Filter(
                    Optional.of(since),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Integer.MAX_VALUE);
        }

        boolean matches(Summary s) {
            return since.map(t -> s.startedAt() != null && !s.startedAt().isBefore(t))
                            .orElse(true)
                    && until.map(t -> s.startedAt() != null && s.startedAt().isBefore(t))
                            .orElse(true)
                    && channel.map(c -> c.equalsIgnoreCase(s.channel())).orElse(true)
                    && agent.map(a -> s.agents().contains(a)).orElse(true)
                    && tool.map(t -> s.tools().contains(t)).orElse(true)
                    && status.map(st -> st.equalsIgnoreCase(s.status())).orElse(true)
                    && feedback.map(f -> f.equalsIgnoreCase(s.feedback())).orElse(true);
        }
    }

    /** One exported run, whole. */
    public record Stored(Path folder, JsonNode conversation, JsonNode metadata) {
        public String runId() {
            return metadata.path("run_id").asText();
        }
    }

    private final Path root;
    private final FeedbackStore feedback;

    public ConversationStore(Path root) {
        this(root, FeedbackStore.NONE);
    }

    /** Reads the exports under {@code root}, each with the feedback {@code feedback} holds for its run. */
    public ConversationStore(Path root, FeedbackStore feedback) {
        this.root = Objects.requireNonNull(root, "root");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
    }

    public Path root() {
        return root;
    }

    /** Matching runs, newest first. */
    public List<Summary> list(Filter filter) {
        List<Summary> out = new ArrayList<>();
        Map<String, RunFeedback> rated = feedback.all();
        for (Path folder : folders(filter.since())) {
            readJson(folder.resolve(PreparedExport.METADATA_FILE))
                    .map(m -> summary(m))
                    .map(s -> Optional.ofNullable(rated.get(s.runId()))
                            .map(f -> s.withFeedback(f.value().label()))
                            .orElse(s))
                    .filter(filter::matches)
                    .ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Summary::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return out.size() > filter.limit() ? List.copyOf(out.subList(0, filter.limit())) : out;
    }

    /**
     * The run whose id is {@code idOrPrefix} or starts with it. Empty when none matches; throws
     * {@link IllegalArgumentException} naming the candidates when a prefix matches several runs.
     */
    public Optional<Stored> find(String idOrPrefix) {
        List<Path> matches = new ArrayList<>();
        for (Path folder : folders(Optional.empty())) {
            String name = folder.getFileName().toString();
            // <yyyy-MM-ddTHH-mm-ssZ>-<run id>: the id follows the 21-character timestamp and its dash.
            String runId = name.length() > 21 ? name.substring(21) : name;
            if (runId.equals(idOrPrefix)) {
                return load(folder);
            }
            if (runId.startsWith(idOrPrefix)) {
                matches.add(folder);
            }
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException(
                    "'" + idOrPrefix + "' matches " + matches.size() + " runs; give more of the id");
        }
        return matches.isEmpty() ? Optional.empty() : load(matches.get(0));
    }

    /** Every run started at or after {@code since}, whole. */
    public List<Stored> loadAll(Optional<Instant> since) {
        List<Stored> out = new ArrayList<>();
        for (Path folder : folders(since)) {
            load(folder)
                    .filter(s ->
                            since.map(t -> !startedAt(s.metadata()).isBefore(t)).orElse(true))
                    .ifPresent(out::add);
        }
        return out;
    }

    private Optional<Stored> load(Path folder) {
        Optional<JsonNode> metadata = readJson(folder.resolve(PreparedExport.METADATA_FILE));
        Optional<JsonNode> conversation = readJson(folder.resolve(PreparedExport.CONVERSATION_FILE));
        if (metadata.isEmpty() || conversation.isEmpty()) {
            return Optional.empty();
        }
        JsonNode meta = metadata.get();
        if (meta instanceof ObjectNode object) {
            feedback.find(object.path("run_id").asText()).ifPresent(f -> object.set("feedback", json(f)));
        }
        return Optional.of(new Stored(folder, conversation.get(), meta));
    }

    /** How feedback appears in a run's metadata: {@code {"value", "user", "at"}}. */
    static ObjectNode json(RunFeedback f) {
        ObjectNode node = ConversationJson.MAPPER.createObjectNode();
        node.put("value", f.value().label());
        node.put("user", f.user());
        node.put("at", f.at().toString());
        return node;
    }

    /** Run folders holding a metadata.json, skipping whole days before {@code since}. */
    private List<Path> folders(Optional<Instant> since) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        LocalDate firstDay =
                since.map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC)).orElse(LocalDate.MIN);
        try (Stream<Path> walk = Files.walk(root, 4)) {
            return walk.filter(p -> root.relativize(p).getNameCount() == 4)
                    .filter(p -> Files.isRegularFile(p.resolve(PreparedExport.METADATA_FILE)))
                    .filter(p -> day(root.relativize(p))
                            .map(d -> !d.isBefore(firstDay))
                            .orElse(false))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the exports under " + root, e);
        }
    }

    private static Optional<LocalDate> day(Path relative) {
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(relative.getName(0).toString()),
                    Integer.parseInt(relative.getName(1).toString()),
                    Integer.parseInt(relative.getName(2).toString())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> readJson(Path file) {
        try {
            return Optional.of(ConversationJson.MAPPER.readTree(file.toFile()));
        } catch (IOException e) {
            LOG.warn("skipping unreadable export file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static Instant startedAt(JsonNode metadata) {
        String s = metadata.path("summary").path("started_at").asText(null);
        return s == null ? Instant.EPOCH : Instant.parse(s);
    }

    static Summary summary(JsonNode m) {
        JsonNode s = m.path("summary");
        List<String> agents = new ArrayList<>();
        s.path("agents").forEach(a -> agents.add(a.asText()));
        List<String> tools = new ArrayList<>();
        s.path("tools").forEach(t -> tools.add(t.asText()));
        return new Summary(
                m.path("run_id").asText(),
                m.path("folder").asText(),
                s.hasNonNull("started_at") ? Instant.parse(s.get("started_at").asText()) : null,
                s.path("status").asText(null),
                s.path("channel").asText(null),
                s.path("requester").asText(null),
                s.path("routing").asText(null),
                List.copyOf(agents),
                List.copyOf(tools),
                s.path("question").asText(null),
                s.hasNonNull("duration_ms") ? s.get("duration_ms").asLong() : null,
                s.path("total_tokens").asLong(),
                s.hasNonNull("estimated_cost_usd") ? s.get("estimated_cost_usd").asDouble() : null,
                m.path("quality").path("score").asDouble(),
                m.path("validation").path("valid").asBoolean(),
                writtenFeedback(m));
    }

    /** Feedback written into an export itself (by an importer or an older tool), when the store has none. */
    private static String writtenFeedback(JsonNode m) {
        JsonNode f = m.path("feedback").isMissingNode() ? m.path("summary").path("feedback") : m.path("feedback");
        JsonNode value = f.isTextual() ? f : f.path("value");
        return value.isTextual() ? value.asText() : null;
    }
}
