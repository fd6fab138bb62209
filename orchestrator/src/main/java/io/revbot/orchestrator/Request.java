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
 * @param principal who asked, as the edge authenticated them (never a field the caller writes)
 * @param receivedAt when the edge received it
 */
public record Request(
        RunId runId, SessionId session, String question, Channel channel, Principal principal, Instant receivedAt) {

    public Request {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
    }

    public static Request of(String question, SessionId session, Channel channel, Principal principal, Instant now) {
        return new Request(RunId.random(), session, question, channel, principal, now);
    }

    /** The recorded requester: the principal's id ({@code slack:T…:U…}, {@code api:<name>}, {@code cli:<user>}). */
    public String requester() {
        return principal.id();
    }
}
