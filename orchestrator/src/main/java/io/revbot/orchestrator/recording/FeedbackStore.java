package io.revbot.orchestrator.recording;

import java.util.Map;
import java.util.Optional;

/**
 * Where feedback on answers is kept: a file next to the exports when RevBot runs embedded ({@link FileFeedbackStore}),
 * PostgreSQL otherwise ({@link PostgresFeedbackStore}). A run has at most one feedback: a later click (the same person
 * changing their mind, or someone else) replaces the earlier one.
 */
public interface FeedbackStore {
    /** Stores {@code feedback}, replacing what the run had. */
    void record(RunFeedback feedback);

    Optional<RunFeedback> find(String runId);

    /** Every run's feedback, by run id. */
    Map<String, RunFeedback> all();

    /** No feedback kept (tests, read-only tools). */
    FeedbackStore NONE = new FeedbackStore() {
        @Override
        public void record(RunFeedback feedback) {}

        @Override
        public Optional<RunFeedback> find(String runId) {
            return Optional.empty();
        }

        @Override
        public Map<String, RunFeedback> all() {
            return Map.of();
        }
    };
}
