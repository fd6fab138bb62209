package io.revbot.orchestrator;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ManagerLoop} run in progress, as {@link Supervisor#cancel} finds it: stopping it ends its event stream
 * with {@link FailureKind#CANCELLED} first (so nothing is reported after), then interrupts the work: the run's body
 * once it started (its branches and a model stream follow), else the caller's thread waiting for the session.
 */
final class StoppableRun {
    private final Run run;
    private final Thread caller;
    private FutureTask<?> body;
    private RunException stopped;

    StoppableRun(Run run, Thread caller) {
        this.run = run;
        this.caller = caller;
    }

    /** Registers the run's body; false when the run was stopped before it started. */
    synchronized boolean start(FutureTask<?> task) {
        if (stopped != null) {
            return false;
        }
        body = task;
        return true;
    }

    /** The cancellation, once the run was stopped; null until then. */
    synchronized RunException stopped() {
        return stopped;
    }

    /** Stops the run; false when it had ended already. */
    synchronized boolean stop() {
        if (stopped != null) {
            return true;
        }
        RunException cancelled = new RunException(FailureKind.CANCELLED, "The run was stopped.");
        if (!run.cancel(cancelled)) {
            return false;
        }
        stopped = cancelled;
        if (body != null) {
            body.cancel(true);
        } else {
            caller.interrupt(); // still waiting for its session
        }
        return true;
    }

    /**
     * Waits for the run's body until its deadline: its result, or the exception that ends the run (the cancellation
     * when it was stopped, the deadline, or what the body threw).
     */
    <T> T await(FutureTask<T> body) {
        try {
            return body.get(run.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            RunException cancelled = stopped();
            throw cancelled != null ? cancelled : new RunException(FailureKind.INTERNAL, "the run was cancelled", e);
        } catch (TimeoutException e) {
            // End the run's event stream first, so interrupted branches cannot report themselves as failed.
            RunException deadline = run.fail(new RunDeadlineExceeded(run.limits.runDeadline()));
            body.cancel(true);
            throw deadline;
        } catch (InterruptedException e) {
            body.cancel(true);
            Thread.currentThread().interrupt();
            throw new RunException(FailureKind.INTERNAL, "the run was interrupted", e);
        } catch (ExecutionException e) {
            RunException cancelled = stopped();
            throw cancelled != null ? cancelled : RunException.from(e.getCause());
        }
    }
}
