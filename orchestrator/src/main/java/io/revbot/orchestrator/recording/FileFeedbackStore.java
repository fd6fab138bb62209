package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback in one append-only file of JSON lines ({@code feedback.jsonl} in the export directory, beside the run
 * folders it rates): a click appends a line, the latest line of a run wins. Clicks are rare, so reading the whole
 * file for a list is cheap; a damaged line is logged and skipped.
 */
public final class FileFeedbackStore implements FeedbackStore {
    public static final String FILE = "feedback.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(FileFeedbackStore.class);

    private final Path file;

    public FileFeedbackStore(Path directory) {
        this.file = Objects.requireNonNull(directory, "directory").resolve(FILE);
    }

    @Override
    public synchronized void record(RunFeedback feedback) {
        ObjectNode line = ConversationJson.MAPPER.createObjectNode();
        line.put("run_id", feedback.runId());
        line.put("value", feedback.value().label());
        line.put("user", feedback.user());
        line.put("at", feedback.at().toString());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    line.toString() + "\n", // compact: one run per line
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store feedback in " + file, e);
        }
    }

    @Override
    public Optional<RunFeedback> find(String runId) {
        return Optional.ofNullable(all().get(runId));
    }

    @Override
    public synchronized Map<String, RunFeedback> all() {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feedback from " + file, e);
        }
        Map<String, RunFeedback> latest = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = ConversationJson.MAPPER.readTree(line);
                RunFeedback f = new RunFeedback(
                        n.get("run_id").asText(),
                        RunFeedback.Value.parse(n.get("value").asText()),
                        n.path("user").asText(""),
                        Instant.parse(n.get("at").asText()));
                latest.put(f.runId(), f);
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping a damaged line of {}: {}", file, e.getMessage());
            }
        }
        return latest;
    }
}
