package io.revbot.server.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.recording.FeedbackStore;
import io.revbot.orchestrator.recording.RunFeedback;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The thumbs up and down under every streamed answer ({@code feedback_buttons} in a {@code context_actions} block) and
 * what a click does: the run's feedback is stored ({@link FeedbackStore}: the export's list, the viewer, the metric).
 * Each button's value names the run ({@code negative:<run id>}), so a click needs nothing but its own payload.
 */
final class SlackFeedback {
    private static final System.Logger LOG = System.getLogger(SlackFeedback.class.getName());

    /** A click on a feedback button, as the interactivity payload describes it. */
    record Click(String runId, RunFeedback.Value value, String team, String user) {}

    private final FeedbackStore store;
    private final Clock clock;

    SlackFeedback(FeedbackStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The blocks closing an answer of run {@code runId}: one context_actions block holding the feedback buttons. */
    static JsonArray buttons(RunId runId) {
        JsonObject element = new JsonObject();
        element.addProperty("type", "feedback_buttons");
        element.addProperty("action_id", SlackStream.FEEDBACK_ACTION);
        element.add("positive_button", button("Good answer", RunFeedback.Value.POSITIVE, runId));
        element.add("negative_button", button("Not helpful", RunFeedback.Value.NEGATIVE, runId));
        JsonArray elements = new JsonArray();
        elements.add(element);
        JsonObject block = new JsonObject();
        block.addProperty("type", "context_actions");
        block.addProperty("block_id", "revbot_feedback_" + runId.value());
        block.add("elements", elements);
        JsonArray blocks = new JsonArray();
        blocks.add(block);
        return blocks;
    }

    private static JsonObject button(String label, RunFeedback.Value value, RunId runId) {
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", value == RunFeedback.Value.POSITIVE ? "👍" : "👎");
        JsonObject button = new JsonObject();
        button.add("text", text);
        button.addProperty("accessibility_label", label);
        button.addProperty("value", value.label() + ":" + runId.value());
        return button;
    }

    /** The feedback clicks in an interaction payload; empty for other interactions. */
    static List<Click> clicks(JsonObject payload) {
        if (!"block_actions".equals(SlackEventIntake.string(payload, "type").orElse(""))) {
            return List.of();
        }
        Optional<JsonObject> user = object(payload, "user");
        String userId = user.flatMap(u -> SlackEventIntake.string(u, "id")).orElse("");
        String team = user.flatMap(u -> SlackEventIntake.string(u, "team_id"))
                .or(() -> object(payload, "team").flatMap(t -> SlackEventIntake.string(t, "id")))
                .orElse("");
        List<Click> clicks = new ArrayList<>();
        JsonElement actions = payload.get("actions");
        if (actions == null || !actions.isJsonArray()) {
            return clicks;
        }
        for (JsonElement element : actions.getAsJsonArray()) {
            JsonObject action = element.getAsJsonObject();
            if (!SlackStream.FEEDBACK_ACTION.equals(
                    SlackEventIntake.string(action, "action_id").orElse(""))) {
                continue;
            }
            String value = SlackEventIntake.string(action, "value").orElse("");
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                continue;
            }
            try {
                clicks.add(new Click(
                        value.substring(colon + 1), RunFeedback.Value.parse(value.substring(0, colon)), team, userId));
            } catch (IllegalArgumentException notOurs) {
                LOG.log(System.Logger.Level.DEBUG, "ignored a feedback value: " + value);
            }
        }
        return clicks;
    }

    /** Stores a click as the run's feedback. */
    void record(Click click) {
        String who = team(click).isEmpty() || click.user().isEmpty()
                ? click.user()
                : new Principal.SlackUser(click.team(), click.user()).id();
        store.record(new RunFeedback(click.runId(), click.value(), who, clock.instant()));
        LOG.log(
                System.Logger.Level.INFO,
                "feedback on run " + click.runId() + ": " + click.value().label() + " from " + who);
    }

    private static String team(Click click) {
        return click.team() == null ? "" : click.team();
    }

    private static Optional<JsonObject> object(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
    }
}
