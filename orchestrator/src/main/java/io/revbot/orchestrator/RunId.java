package io.revbot.orchestrator;

import java.util.Objects;
import java.util.UUID;

/** One execution of {@link Supervisor#run}: one question, one answer, one exported conversation. */
public record RunId(String value) {
    public RunId {
        Objects.requireNonNull(value, "run id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
    }

    public static RunId random() {
        return new RunId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
