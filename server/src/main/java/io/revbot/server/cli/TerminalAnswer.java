package io.revbot.server.cli;

import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import java.io.PrintWriter;

/**
 * The answer on stdout as it is written: each {@link RunEvent.AnswerDelta} is printed and flushed at once. When the
 * delivered answer ({@link RunEvent.AnswerProduced}) continues what was printed (the grounding note), the rest is
 * printed; when it differs (a revision after the grounding check), it is printed again whole after a blank line, and
 * stderr says why, so stdout always ends with the answer as delivered.
 */
final class TerminalAnswer implements RunListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final StringBuilder printed = new StringBuilder();
    private boolean delivered;

    TerminalAnswer(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void on(RunEvent event) {
        switch (event) {
            case RunEvent.AnswerDelta delta
            when !delivered -> {
                out.print(delta.text());
                out.flush();
                printed.append(delta.text());
            }
            case RunEvent.AnswerProduced produced -> deliver(produced.answer());
            default -> {}
        }
    }

    private void deliver(String answer) {
        delivered = true;
        String draft = printed.toString();
        if (answer.startsWith(draft)) {
            out.print(answer.substring(draft.length()));
        } else {
            if (!draft.isEmpty()) {
                err.println();
                err.println("(the answer was revised after checking its figures; as delivered:)");
                err.flush();
                out.println();
                out.println();
            }
            out.print(answer);
        }
        printed.setLength(0);
        printed.append(answer);
        out.flush();
    }

    /**
     * Ends the answer's last line; a run that failed mid-answer leaves what was printed on a line of its own.
     * {@code answer} is the run's answer, null when it failed: printed here when no event delivered it (a supervisor
     * that reports no answer events).
     */
    synchronized void finish(String answer) {
        if (!delivered && answer != null) {
            deliver(answer);
        }
        if (!printed.isEmpty()) {
            out.println();
            out.flush();
        }
    }
}
