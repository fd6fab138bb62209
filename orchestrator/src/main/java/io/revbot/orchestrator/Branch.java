package io.revbot.orchestrator;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One tool call of a manager turn once started: decided on the spot, or running on its own virtual thread. */
sealed interface Branch {

    /** Waits for the outcome; a run-wide bound that fired inside the branch is thrown as {@link RunException}. */
    BranchOutcome await();

    /** The status the manager's tool execution is recorded with. */
    RunEvent.ToolStatus status(BranchOutcome outcome);

    /** Interrupts the branch's work if it is still running (the run was stopped). */
    default void cancel() {}

    /** Settled without running anything: a malformed delegation or an unknown tool. */
    record Decided(BranchOutcome outcome, RunEvent.ToolStatus status) implements Branch {
        @Override
        public BranchOutcome await() {
            return outcome;
        }

        @Override
        public RunEvent.ToolStatus status(BranchOutcome ignored) {
            return status;
        }
    }

    /**
     * Work on its own virtual thread under a deadline. When the deadline passes first, {@code onTimeout} closes what
     * the work reports to (a specialist's invocation) before the thread is interrupted, so the interruption cannot
     * report itself as a failure first.
     */
    final class Running implements Branch {
        private final String who;
        private final String setting;
        private final Duration deadline;
        private final long deadlineNanos;
        private final FutureTask<BranchOutcome> task;
        private final Consumer<String> onTimeout;

        private Running(
                String who,
                String setting,
                Duration deadline,
                FutureTask<BranchOutcome> task,
                Consumer<String> onTimeout) {
            this.who = who;
            this.setting = setting;
            this.deadline = deadline;
            this.deadlineNanos = System.nanoTime() + deadline.toNanos();
            this.task = task;
            this.onTimeout = onTimeout;
        }

        /**
         * Starts {@code work} on a virtual thread named {@code threadName}; {@code who} names it in a timeout, and
         * {@code setting} the configuration key of its deadline.
         */
        static Running start(
                String threadName,
                String who,
                String setting,
                Duration deadline,
                Consumer<String> onTimeout,
                Callable<BranchOutcome> work) {
            Running branch = new Running(who, setting, deadline, new FutureTask<>(work), onTimeout);
            Thread.ofVirtual().name(threadName).start(branch.task);
            return branch;
        }

        @Override
        public BranchOutcome await() {
            try {
                return task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                String message = who + " did not answer within " + Durations.human(deadline) + " (" + setting + ").";
                onTimeout.accept(message);
                task.cancel(true);
                return new BranchOutcome.Failed(message + " Answer with what you have and say what is missing.");
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new RunException(FailureKind.INTERNAL, "the run was interrupted", e);
            } catch (ExecutionException e) {
                throw RunException.from(e.getCause());
            }
        }

        @Override
        public RunEvent.ToolStatus status(BranchOutcome outcome) {
            return outcome instanceof BranchOutcome.Completed ? RunEvent.ToolStatus.OK : RunEvent.ToolStatus.ERROR;
        }

        @Override
        public void cancel() {
            task.cancel(true);
        }
    }
}
