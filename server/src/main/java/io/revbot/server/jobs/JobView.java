package io.revbot.server.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A job as operators see it, the same in {@code revbot jobs list --json} and {@code GET /api/jobs}: no payload (it
 * holds the question and the answer), the rest as stored. {@code state} is {@code queued} (waiting, or waiting for a
 * retry: {@code retrying}), {@code running}, {@code succeeded} or {@code dead}.
 */
public record JobView(
        String id,
        String kind,
        String state,
        int attempts,
        int maxAttempts,
        Instant createdAt,
        Instant updatedAt,
        String owner,
        String errorCode,
        String lastError) {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static JobView of(Job job) {
        return new JobView(
                job.id().value(),
                job.kind().name().toLowerCase(Locale.ROOT),
                job.state() == JobState.FAILED ? "retrying" : job.state().name().toLowerCase(Locale.ROOT),
                job.attempts(),
                job.maxAttempts(),
                job.createdAt(),
                job.updatedAt(),
                job.owner().orElse(null),
                job.errorCode().orElse(null),
                job.lastError().orElse(null));
    }

    /** What {@code --state} names: {@code dead}, {@code queued} (with those waiting for a retry), {@code running}. */
    public enum Filter {
        DEAD(List.of(JobState.DEAD)),
        QUEUED(List.of(JobState.QUEUED, JobState.FAILED)),
        RUNNING(List.of(JobState.RUNNING));

        public final List<JobState> states;

        Filter(List<JobState> states) {
            this.states = states;
        }

        /** The filter named {@code name} (any case), or null when there is none of that name. */
        public static Filter named(String name) {
            for (Filter f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }
    }
}
