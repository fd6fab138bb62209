package io.revbot.orchestrator.recording;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What the person who read an answer thought of it: a thumbs up or down clicked under the answer, stored with the run
 * by a {@link FeedbackStore}, shown in conversation lists and the viewer, counted in
 * {@code revbot_feedback_total{value}}.
 *
 * @param runId the run whose answer was rated
 * @param value positive or negative
 * @param user who clicked (a principal, {@code slack:T123:U123})
 * @param at when the click arrived
 */
public record RunFeedback(String runId, Value value, String user, Instant at) {
    public RunFeedback {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
    }

    public enum Value {
        POSITIVE,
        NEGATIVE;

        /** {@code positive} or {@code negative}: the word in exports, filters and metric labels. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@link #label()} (any case); throws {@link IllegalArgumentException} naming the accepted words. */
        public static Value parse(String label) {
            for (Value v : values()) {
                if (v.label().equalsIgnoreCase(label == null ? "" : label.strip())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("feedback is positive or negative, not '" + label + "'");
        }
    }
}
