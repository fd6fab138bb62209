package io.revbot.server.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.orchestrator.recording.ConversationStore.Stored;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The feedback people gave a run (Slack's feedback buttons), read from its export for the usage page. The run record
 * keeps it in a {@code feedback} field whose place and shape belong to the Slack side, so this accepts each plausible
 * one: on {@code metadata.json}, its {@code summary}, {@code conversation.json}'s {@code conversation} or its
 * {@code metadata}; a string ({@code "negative"}), an object with {@code value} or {@code rating}, or a list of
 * either. The viewer's {@code feedbackOf} in {@code viewer.js} reads the same places.
 */
record RunFeedback(List<String> values) {

    static RunFeedback of(Stored run) {
        JsonNode c = run.conversation().path("conversation");
        for (JsonNode f : List.of(
                run.metadata().path("feedback"),
                run.metadata().path("summary").path("feedback"),
                c.path("feedback"),
                c.path("metadata").path("feedback"))) {
            if (!f.isMissingNode() && !f.isNull()) {
                return new RunFeedback(values(f));
            }
        }
        return new RunFeedback(List.of());
    }

    private static List<String> values(JsonNode f) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : f.isArray() ? f : List.of(f)) {
            JsonNode value =
                    item.isTextual() ? item : item.hasNonNull("value") ? item.get("value") : item.path("rating");
            if (value.isTextual()) {
                out.add(value.asText().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    boolean rated() {
        return !values.isEmpty();
    }

    /** Any negative click makes the run one to look at. */
    boolean negative() {
        return values.contains("negative");
    }
}
