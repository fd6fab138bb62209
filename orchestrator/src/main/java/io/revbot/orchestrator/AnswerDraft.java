package io.revbot.orchestrator;

import dev.langchain4j.data.message.AiMessage;

/**
 * The text of one model call that may turn out to be the run's answer, passed on as {@link RunEvent.AnswerDelta}s
 * while it is written. Whether a reply is the answer is known only at its end (a reply without tool calls), and a
 * model often writes a line before calling tools ("I'll check the deal first."): so the text is held until it reads
 * as an answer (a second line has begun, or {@link #RELEASE_CHARS} are written), dropped when a tool call starts,
 * and released whole when the call ends without one. A reply that calls tools after its text was released leaves
 * that text in the stream: {@link RunEvent.AnswerProduced} carries the answer as delivered, and edges reconcile.
 *
 * <p>A call that was not streamed (a model without a streaming twin, such as a scripted test model) passes its whole
 * text at the end, so edges see the same events either way.
 */
final class AnswerDraft {
    /** Held text this long is taken for the answer, even on one line. */
    static final int RELEASE_CHARS = 200;

    private final Invocation invocation;
    private final StringBuilder held = new StringBuilder();
    private boolean released;
    private boolean callsTools;

    AnswerDraft(Invocation invocation) {
        this.invocation = invocation;
    }

    /** A fragment of the reply's text as the model streams it. */
    synchronized void text(String fragment) {
        if (callsTools || fragment == null || fragment.isEmpty()) {
            return;
        }
        if (released) {
            emit(fragment);
            return;
        }
        held.append(fragment);
        if (readsAsAnswer(held)) {
            released = true;
            emit(held.toString());
            held.setLength(0);
        }
    }

    /** The reply calls a tool: it is not the answer, and what was held is dropped. */
    synchronized void toolCall() {
        callsTools = true;
        held.setLength(0);
    }

    /** Whether some of the reply already went out (a retry would repeat it). */
    synchronized boolean released() {
        return released;
    }

    /** The call ended with {@code reply}: an answer's text not passed yet goes out now. */
    synchronized void complete(AiMessage reply) {
        if (reply.hasToolExecutionRequests()) {
            toolCall();
            return;
        }
        if (!released && reply.text() != null && !reply.text().isBlank()) {
            released = true;
            emit(reply.text());
        }
        held.setLength(0);
    }

    static boolean readsAsAnswer(CharSequence text) {
        if (text.length() >= RELEASE_CHARS) {
            return true;
        }
        int newline = indexOf(text, '\n');
        if (newline < 0 || text.subSequence(0, newline).toString().isBlank()) {
            return false;
        }
        for (int i = newline + 1; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private void emit(String text) {
        if (!invocation.isClosed()) {
            Run run = invocation.run;
            run.emit(new RunEvent.AnswerDelta(run.request.runId(), run.now(), invocation.agent, text));
        }
    }
}
