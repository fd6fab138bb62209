package io.revbot.orchestrator;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.routing.Router;
import io.revbot.orchestrator.routing.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What the router's decision does in a run, before the manager is involved: the decision itself (reported as
 * {@link RunEvent.RouteDecided}, the routing model's call as the router's own invocation), a template answer, or one
 * specialist run directly under the delegation deadline, whose complete answer is the answer. When that specialist
 * hands the question back, fails or times out, the run continues through the manager with a note saying so.
 */
final class FastPath {
    /** How much of the conversation a routed specialist sees: it has no session memory of its own. */
    private static final int CONTEXT_MESSAGES = 4;

    private static final int CONTEXT_CHARS = 600;

    private final Router router;
    private final SpecialistRunner specialists;
    private final Function<Invocation, ChatModel> routerModel;

    FastPath(Router router, SpecialistRunner specialists, Function<Invocation, ChatModel> routerModel) {
        this.router = router;
        this.specialists = specialists;
        this.routerModel = routerModel;
    }

    /** How the routed specialist ended. */
    sealed interface Outcome {
        record Answered(ManagerLoop.Answer answer) implements Outcome {}

        /** The manager takes over; {@code note} tells it what happened first. */
        record HandedBack(String note) implements Outcome {}
    }

    /** Decides and reports the decision; the routing model, if asked, is the router's own invocation. */
    RoutingDecision route(Run run, Agents specs) {
        Instant start = run.now();
        String question = run.request.question();
        Invocation[] asked = new Invocation[1];
        RoutingDecision decision = router.route(question, specs, () -> {
            asked[0] = run.startInvocation(AgentName.ROUTER, null, question);
            return routerModel.apply(asked[0]);
        });
        if (asked[0] != null) {
            asked[0].finish(RunEvent.AgentOutcome.COMPLETED, summary(decision), null);
        }
        run.emit(new RunEvent.RouteDecided(
                run.request.runId(), run.now(), decision, Duration.between(start, run.now())));
        return decision;
    }

    /** A template answer: no model call at all, and nobody to revise it. Announced once checked. */
    ManagerLoop.Answer direct(Run run, RoutingDecision.Direct direct) {
        run.emit(new RunEvent.Routed(run.request.runId(), run.now(), Routing.DIRECT, List.of(), direct.reason()));
        return new ManagerLoop.Answer(direct.answer(), Routing.DIRECT, AgentName.ROUTER, null);
    }

    /** Runs the chosen specialist on the question as asked (with the run context and recent conversation). */
    Outcome specialist(
            Run run, Agents specs, RoutingDecision.Specialist decision, String time, List<ChatMessage> history) {
        AgentSpec spec = specs.get(decision.agent());
        String who = spec.name().displayName();
        Invocation invocation = run.startInvocation(spec.name(), AgentName.ROUTER, run.request.question())
                .writingAnswer();
        String input = time + "\n\n" + context(history) + run.request.question();
        FutureTask<SpecialistRunner.Routed> task =
                new FutureTask<>(() -> specialists.runRouted(invocation, spec, input));
        Duration deadline = min(run.limits.delegationDeadline(), run.remaining());
        Thread.ofVirtual().name("revbot-" + invocation.id).start(task);
        SpecialistRunner.Routed routed;
        try {
            routed = task.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String message = who + " did not answer within " + Durations.human(deadline) + ".";
            invocation.abandon(RunEvent.AgentOutcome.TIMED_OUT, message);
            task.cancel(true);
            return new Outcome.HandedBack(who + " was asked first and did not answer in time.");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new RunException(FailureKind.INTERNAL, "the run was interrupted", e);
        } catch (ExecutionException e) {
            return failed(invocation, who, e.getCause());
        }
        return switch (routed) {
            case SpecialistRunner.Routed.HandedBack back -> {
                invocation.finish(RunEvent.AgentOutcome.HANDED_BACK, null, back.reason());
                yield new Outcome.HandedBack(who + " was asked first and handed the question back: " + back.reason());
            }
            case SpecialistRunner.Routed.Answered answered
            when answered.answer() == null || answered.answer().isBlank() -> {
                invocation.finish(RunEvent.AgentOutcome.FAILED, null, who + " returned an empty answer.");
                yield new Outcome.HandedBack(who + " was asked first and returned an empty answer.");
            }
            case SpecialistRunner.Routed.Answered answered -> {
                invocation.finish(RunEvent.AgentOutcome.COMPLETED, answered.answer(), null);
                run.delegatedTo(spec.name());
                run.emit(new RunEvent.Routed(
                        run.request.runId(), run.now(), Routing.ROUTED, List.of(spec.name()), decision.reason()));
                Writer writer = new Revision.Specialist(spec, input, specialists::modelFor);
                yield new Outcome.Answered(
                        new ManagerLoop.Answer(answered.answer(), Routing.ROUTED, spec.name(), writer));
            }
        };
    }

    /** A run-wide bound or an unreachable model ends the run; any other failure goes to the manager. */
    private static Outcome failed(Invocation invocation, String who, Throwable cause) {
        String error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        invocation.finish(RunEvent.AgentOutcome.FAILED, null, error);
        if (cause instanceof RunDeadlineExceeded
                || cause instanceof TokenBudgetExceeded
                || cause instanceof ModelUnavailable) {
            throw (RunException) cause;
        }
        return new Outcome.HandedBack(who + " was asked first and failed: " + error);
    }

    /** The last few messages of the session, so a follow-up reads in context; empty for a new conversation. */
    static String context(List<ChatMessage> history) {
        if (history.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<conversation>\n");
        for (ChatMessage message : history.subList(Math.max(0, history.size() - CONTEXT_MESSAGES), history.size())) {
            String text = switch (message) {
                case UserMessage u -> "user: " + (u.hasSingleText() ? u.singleText() : "");
                case AiMessage a -> "revbot: " + (a.text() == null ? "" : a.text());
                default -> "";
            };
            if (!text.isEmpty()) {
                out.append(text.length() > CONTEXT_CHARS ? text.substring(0, CONTEXT_CHARS) + "…" : text)
                        .append('\n');
            }
        }
        return out.append("</conversation>\n\n").toString();
    }

    private static String summary(RoutingDecision decision) {
        return decision.decision() + (decision.agents().isEmpty() ? "" : " " + decision.agents()) + ": "
                + decision.reason();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
