package io.revbot.server.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobQueue;
import io.revbot.server.queue.JobState;
import io.revbot.server.queue.PermanentJobException;

/**
 * The body of {@code GET /webhook/{tracking_id}}: queued, running, succeeded (with the answer) or failed (with
 * {@code error.code} and {@code error.message}, the same the failure callback carries).
 */
final class WebhookStatus {
    private WebhookStatus() {}

    static String name(JobState state) {
        return switch (state) {
            case QUEUED, FAILED -> "queued";
            case RUNNING -> "running";
            case SUCCEEDED -> "succeeded";
            case DEAD -> "failed";
        };
    }

    static ObjectNode of(Job job, JobQueue queue) {
        WebhookJson.RequestJob request = WebhookJson.read(job.payload(), WebhookJson.RequestJob.class);
        ObjectNode out = WebhookJson.MAPPER.createObjectNode();
        out.put("success", true);
        out.put("tracking_id", job.id().value());
        out.put("status", name(job.state()));
        out.put("queued_at", job.createdAt().toString());
        out.put("updated_at", job.updatedAt().toString());
        out.put("attempts", job.attempts());
        out.put("session_id", request.sessionId());
        if (job.state() == JobState.FAILED) {
            out.put("retrying", true);
        }
        if (job.state() == JobState.SUCCEEDED && job.result().isPresent()) {
            WebhookJson.RequestResult result = WebhookJson.read(job.result().get(), WebhookJson.RequestResult.class);
            out.set("result", WebhookJson.MAPPER.valueToTree(result.aiResponse()));
            out.put("routing", result.routing());
            out.set("agents_used", WebhookJson.MAPPER.valueToTree(result.agentsUsed()));
            if (result.deliveryJobId() != null) {
                queue.find(new JobId(result.deliveryJobId())).ifPresent(d -> out.set("delivery", delivery(d)));
            }
        }
        if (job.state() == JobState.DEAD || job.state() == JobState.FAILED) {
            job.lastError().ifPresent(e -> {
                ObjectNode error = out.putObject("error");
                error.put("code", job.errorCode().orElse(PermanentJobException.DEFAULT_CODE));
                error.put("message", e);
            });
        }
        return out;
    }

    private static ObjectNode delivery(Job delivery) {
        ObjectNode d = WebhookJson.MAPPER.createObjectNode();
        d.put(
                "status",
                switch (delivery.state()) {
                    case QUEUED, FAILED -> "pending";
                    case RUNNING -> "sending";
                    case SUCCEEDED -> "delivered";
                    case DEAD -> "failed";
                });
        d.put("attempts", delivery.attempts());
        delivery.lastError().ifPresent(e -> d.put("last_error", e));
        return d;
    }
}
