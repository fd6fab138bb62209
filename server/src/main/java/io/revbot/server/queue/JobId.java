package io.revbot.server.queue;

import java.util.Objects;

/** A job's id; for webhook requests it is the tracking id returned to the caller. */
public record JobId(String value) {
    public JobId {
        Objects.requireNonNull(value, "job id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("job id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
