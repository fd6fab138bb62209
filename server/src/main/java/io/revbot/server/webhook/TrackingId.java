package io.revbot.server.webhook;

import io.revbot.server.queue.JobId;
import java.util.Objects;

/** What a webhook caller gets back to follow its request: the id of the request's job. */
public record TrackingId(String value) {
    public TrackingId {
        Objects.requireNonNull(value, "tracking id");
    }

    static TrackingId of(JobId job) {
        return new TrackingId(job.value());
    }

    JobId job() {
        return new JobId(value);
    }

    /** The Standard Webhooks message id of this request's answer: the same on every attempt. */
    String webhookId() {
        return "msg_" + value;
    }

    /**
     * The message id of this request's failure: another message than the answer, so a receiver that deduplicates on
     * it still takes the answer of a request replayed after it failed.
     */
    String failureWebhookId() {
        return "msg_" + value + "_failed";
    }

    @Override
    public String toString() {
        return value;
    }
}
