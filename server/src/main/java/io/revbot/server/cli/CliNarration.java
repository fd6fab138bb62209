package io.revbot.server.cli;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.routing.RoutingDecision;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a person on the terminal what the agents are doing, from the run's events, one line each, on stderr. A model
 * call answered by the fallback model is told once per throttled model.
 */
final class CliNarration implements RunListener {
    private final PrintWriter err;
    private final Set<String> announcedFallbacks = ConcurrentHashMap.newKeySet();

    CliNarration(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void on(RunEvent event) {
        String line = switch (event) {
            case RunEvent.RouteDecided r -> routing(r.decision());
            case RunEvent.InvocationFinished f
            when f.outcome() == RunEvent.AgentOutcome.HANDED_BACK ->
                f.agent().displayName() + " handed the question back: " + firstLine(f.error());
            case RunEvent.InvocationStarted s
            when s.requestedBy() != null -> s.agent().displayName() + " is working on: " + firstLine(s.input());
            case RunEvent.ToolStarted t
            when !t.tool().startsWith("ask_") -> who(t.agent()) + " is calling " + t.tool() + "…";
            case RunEvent.ToolFinished t
            when t.status() != RunEvent.ToolStatus.OK && !t.tool().startsWith("ask_") ->
                who(t.agent()) + ": " + t.tool() + " "
                        + t.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + firstLine(t.error());
            case RunEvent.InvocationFinished f
            when f.outcome() != RunEvent.AgentOutcome.COMPLETED && !f.agent().equals(AgentName.MANAGER) ->
                f.agent().displayName() + " "
                        + (f.outcome() == RunEvent.AgentOutcome.TIMED_OUT ? "timed out" : "failed") + ": "
                        + firstLine(f.error());
            case RunEvent.ModelCalled m
            when m.fallbackFor() != null && announcedFallbacks.add(m.fallbackFor()) ->
                who(m.agent()) + ": " + m.fallbackFor() + " is throttled; the fallback model " + m.modelId()
                        + " answers for now";
            case RunEvent.KnowledgeReferenced k ->
                who(k.agent()) + " read " + k.document()
                        + (k.section() == null || k.section().isBlank() ? "" : " › " + k.section());
            case RunEvent.ActionProposed a ->
                who(a.agent()) + " proposed: " + firstLine(a.summary()) + " (waits for approval, id " + a.actionId()
                        + ")";
            case RunEvent.RunSucceeded s ->
                String.format(
                        Locale.ROOT,
                        "Done in %.1f s (%s, %d tool calls, %,d tokens)",
                        s.result().duration().toMillis() / 1000.0,
                        s.result().routing().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        s.result().toolCalls(),
                        s.result().usage().total());
            default -> null;
        };
        if (line != null) {
            synchronized (err) {
                err.println("› " + line);
                err.flush();
            }
        }
    }

    /** "Routing to deal analysis (embedding, 0.93)"; a template answer needs no line. */
    private static String routing(RoutingDecision decision) {
        return switch (decision) {
            case RoutingDecision.Direct direct -> null;
            case RoutingDecision.Specialist one ->
                "Routing to " + one.agent().displayName().toLowerCase(Locale.ROOT) + " ("
                        + one.tier().label()
                        + (one.confidence() == null ? "" : String.format(Locale.ROOT, ", %.2f", one.confidence()))
                        + ")";
            case RoutingDecision.Supervisor toManager -> "Routing to the manager: " + toManager.reason();
        };
    }

    private static String who(AgentName agent) {
        return agent.equals(AgentName.MANAGER) ? "RevBot" : agent.displayName();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
