package io.revbot.orchestrator;

import java.time.Instant;
import java.util.Objects;

/**
 * A question to answer.
 *
 * @param runId identifies this run in events, exports and logs
 * @param session the conversation it belongs to (the manager remembers earlier turns of the same session)
 * @param question the user's text
 * @param channel where it came from
 * @param requester who asked: a Slack user id, the webhook's {@code source_system}, or the OS user for the CLI
 * @param receivedAt when the edge received it
 */
public record Request(
        RunId runId, SessionId session, String question, Channel channel, String requester, Instant receivedAt) {

    public Request {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
    }

    public static Request of(String question, SessionId session, Channel channel, String requester, Instant now) {
        return new Request(RunId.random(), session, question, channel, requester, now);
    }
}
