package io.revbot.orchestrator.recording;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunEvent.ActionProposed;
import io.revbot.orchestrator.RunEvent.AgentOutcome;
import io.revbot.orchestrator.RunEvent.AnswerProduced;
import io.revbot.orchestrator.RunEvent.InvocationFinished;
import io.revbot.orchestrator.RunEvent.InvocationStarted;
import io.revbot.orchestrator.RunEvent.KnowledgeReferenced;
import io.revbot.orchestrator.RunEvent.ModelCalled;
import io.revbot.orchestrator.RunEvent.RouteDecided;
import io.revbot.orchestrator.RunEvent.Routed;
import io.revbot.orchestrator.RunEvent.RunFailed;
import io.revbot.orchestrator.RunEvent.RunStarted;
import io.revbot.orchestrator.RunEvent.RunSucceeded;
import io.revbot.orchestrator.RunEvent.ToolFinished;
import io.revbot.orchestrator.RunEvent.ToolStarted;
import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.recording.ConversationRecord.ActionProposal;
import io.revbot.orchestrator.recording.ConversationRecord.Answer;
import io.revbot.orchestrator.recording.ConversationRecord.Failure;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.ConversationRecord.KnowledgeReference;
import io.revbot.orchestrator.recording.ConversationRecord.ModelCall;
import io.revbot.orchestrator.recording.ConversationRecord.RouterDecision;
import io.revbot.orchestrator.recording.ConversationRecord.RoutingDecision;
import io.revbot.orchestrator.recording.ConversationRecord.Status;
import io.revbot.orchestrator.recording.ConversationRecord.TimelineEntry;
import io.revbot.orchestrator.recording.ConversationRecord.TimelineKind;
import io.revbot.orchestrator.recording.ConversationRecord.ToolExecution;
import io.revbot.orchestrator.recording.ConversationRecord.Totals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a run's events, in the order they arrived, into a {@link ConversationRecord}. Pure: no I/O, no clock.
 * Anomalies in the stream (a tool that finished without starting, events of an agent that never started) are
 * reported, not hidden, so validation can list them.
 */
final class ConversationAssembler {

    record Assembled(ConversationRecord record, List<String> anomalies) {}

    private final PriceTable prices;

    ConversationAssembler(PriceTable prices) {
        this.prices = prices;
    }

    Assembled assemble(RunId runId, List<RunEvent> events) {
        return new Fold(runId).apply(events);
    }

    private final class Fold {
        private final RunId runId;
        private final List<String> anomalies = new ArrayList<>();
        private final Map<InvocationId, InvocationStep> steps = new LinkedHashMap<>();
        private final List<TimelineEntry> timeline = new ArrayList<>();
        private Request request;
        private Instant startedAt;
        private Instant endedAt;
        private Status status = Status.INCOMPLETE;
        private Failure failure;
        private RouterDecision router;
        private RoutingDecision routing;
        private Answer answer;
        private Duration reportedDuration;
        private boolean allPriced = true;
        // The agent the user's question goes to: the manager, or whatever agent answers a run on its own (an MCP
        // call's client). Known at the first top-level InvocationStarted; the question entry is addressed to it then.
        private AgentName top = AgentName.MANAGER;
        private boolean topKnown;
        private int questionEntry = -1;

        Fold(RunId runId) {
            this.runId = runId;
        }

        Assembled apply(List<RunEvent> events) {
            for (RunEvent event : events) {
                if (!event.runId().equals(runId)) {
                    anomalies.add("event " + event.getClass().getSimpleName() + " of run " + event.runId()
                            + " in the stream of run " + runId);
                    continue;
                }
                on(event);
            }
            return new Assembled(build(), List.copyOf(anomalies));
        }

        private void on(RunEvent event) {
            switch (event) {
                case RunStarted e -> {
                    request = e.request();
                    startedAt = e.at();
                    questionEntry = timeline.size();
                    add(
                            e.at(),
                            TimelineKind.QUESTION,
                            ConversationRecord.USER,
                            AgentName.MANAGER.value(),
                            null,
                            e.request().question());
                }
                case RouteDecided e -> {
                    io.revbot.orchestrator.routing.RoutingDecision d = e.decision();
                    router = new RouterDecision(
                            e.at(),
                            d.decision(),
                            d.tier(),
                            d.agents(),
                            d.confidence(),
                            d.margin(),
                            d.reason(),
                            e.took());
                    add(
                            e.at(),
                            TimelineKind.ROUTING,
                            ConversationRecord.ROUTER,
                            null,
                            null,
                            d.decision() + (d.agents().isEmpty() ? "" : " to " + names(d.agents())) + " ("
                                    + d.tier().label() + "): " + d.reason());
                }
                case Routed e -> {
                    routing = new RoutingDecision(e.at(), e.routing(), e.agents(), e.reason());
                    boolean managerRan = steps.values().stream().anyMatch(s -> s.agent.equals(AgentName.MANAGER));
                    add(
                            e.at(),
                            TimelineKind.ROUTING,
                            managerRan ? AgentName.MANAGER.value() : ConversationRecord.ROUTER,
                            null,
                            null,
                            e.routing().name().toLowerCase(java.util.Locale.ROOT)
                                    + (e.agents().isEmpty() ? "" : " to " + names(e.agents()))
                                    + (e.reason() == null || e.reason().isBlank() ? "" : ": " + e.reason()));
                }
                case InvocationStarted e -> {
                    InvocationStep step = steps.get(e.invocation());
                    if (step != null) {
                        anomalies.add("agent invocation " + e.invocation() + " started twice");
                        return;
                    }
                    step = new InvocationStep(e.invocation(), e.agent());
                    if (e.requestedBy() == null && !topKnown) {
                        addressQuestionTo(e.agent());
                    }
                    step.requestedBy = e.requestedBy();
                    step.input = e.input();
                    step.startedAt = e.at();
                    steps.put(e.invocation(), step);
                    if (e.requestedBy() != null) {
                        add(
                                e.at(),
                                TimelineKind.DELEGATION,
                                e.requestedBy().value(),
                                e.agent().value(),
                                null,
                                e.input());
                    }
                }
                case ModelCalled e -> {
                    Double cost = prices.cost(e.modelId(), e.usage()).orElse(null);
                    if (cost == null) {
                        allPriced = false;
                    }
                    step(e.invocation(), e.agent(), e)
                            .modelCalls
                            .add(new ModelCall(
                                    e.at(),
                                    e.modelId(),
                                    e.usage(),
                                    e.duration(),
                                    e.stopReason(),
                                    cost,
                                    e.cache(),
                                    e.fallbackFor()));
                }
                case ToolStarted e -> {
                    InvocationStep step = step(e.invocation(), e.agent(), e);
                    step.tools.put(
                            e.toolCallId(),
                            new ToolExecution(
                                    e.toolCallId(),
                                    e.agent(),
                                    e.tool(),
                                    e.argumentsJson(),
                                    e.at(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    Map.of()));
                    add(e.at(), TimelineKind.TOOL_CALL, e.agent().value(), null, e.tool(), e.argumentsJson());
                }
                case ToolFinished e -> {
                    InvocationStep step = step(e.invocation(), e.agent(), e);
                    ToolExecution started = step.tools.get(e.toolCallId());
                    if (started == null) {
                        anomalies.add("tool call " + e.toolCallId() + " (" + e.tool() + ") finished without starting");
                    } else if (started.status() != null) {
                        anomalies.add("tool call " + e.toolCallId() + " (" + e.tool() + ") finished twice");
                        return;
                    }
                    step.tools.put(
                            e.toolCallId(),
                            new ToolExecution(
                                    e.toolCallId(),
                                    e.agent(),
                                    e.tool(),
                                    started == null ? null : started.argumentsJson(),
                                    started == null ? null : started.startedAt(),
                                    e.at(),
                                    e.status(),
                                    e.error(),
                                    e.duration(),
                                    e.resultPreview(),
                                    e.facts()));
                    add(
                            e.at(),
                            TimelineKind.TOOL_RESULT,
                            e.agent().value(),
                            null,
                            e.tool(),
                            e.status() == ToolStatus.OK ? e.resultPreview() : e.status() + ": " + e.error());
                }
                case KnowledgeReferenced e ->
                    step(e.invocation(), e.agent(), e)
                            .knowledge
                            .add(new KnowledgeReference(e.at(), e.agent(), e.document(), e.section(), e.score()));
                case ActionProposed e ->
                    step(e.invocation(), e.agent(), e)
                            .actions
                            .add(new ActionProposal(e.at(), e.agent(), e.actionId(), e.summary()));
                case InvocationFinished e -> {
                    InvocationStep step = step(e.invocation(), e.agent(), e);
                    step.finishedAt = e.at();
                    step.outcome = e.outcome();
                    step.output = e.output();
                    step.error = e.error();
                    step.duration = e.duration();
                    if (step.requestedBy != null) {
                        add(
                                e.at(),
                                TimelineKind.RESPONSE,
                                e.agent().value(),
                                step.requestedBy.value(),
                                null,
                                e.outcome() == AgentOutcome.COMPLETED ? e.output() : e.outcome() + ": " + e.error());
                    }
                }
                case AnswerProduced e -> {
                    answer = new Answer(e.at(), e.answer(), e.routing(), e.author(), e.grounding());
                    add(
                            e.at(),
                            TimelineKind.ANSWER,
                            (e.author() == null ? top : e.author()).value(),
                            ConversationRecord.USER,
                            null,
                            e.answer());
                }
                case RunEvent.AnswerDelta e -> {
                    // the answer is recorded whole, as delivered, from AnswerProduced
                }
                case RunSucceeded e -> {
                    endedAt = e.at();
                    status = Status.SUCCEEDED;
                    reportedDuration = e.result().duration();
                }
                case RunFailed e -> {
                    endedAt = e.at();
                    status = e.kind() == FailureKind.CANCELLED ? Status.CANCELLED : Status.FAILED;
                    failure = new Failure(e.kind(), e.message());
                    reportedDuration = e.duration();
                    add(
                            e.at(),
                            TimelineKind.FAILURE,
                            top.value(),
                            ConversationRecord.USER,
                            null,
                            e.kind() + ": " + e.message());
                }
            }
        }

        private void addressQuestionTo(AgentName agent) {
            topKnown = true;
            top = agent;
            if (questionEntry >= 0) {
                TimelineEntry q = timeline.get(questionEntry);
                timeline.set(
                        questionEntry,
                        new TimelineEntry(
                                q.sequence(), q.at(), q.kind(), q.from(), agent.value(), q.tool(), q.content()));
            }
        }

        private InvocationStep step(InvocationId invocationId, AgentName agent, RunEvent event) {
            InvocationStep step = steps.get(invocationId);
            if (step == null) {
                anomalies.add(event.getClass().getSimpleName() + " for agent invocation " + invocationId + " (" + agent
                        + ") that never started");
                step = new InvocationStep(invocationId, agent);
                steps.put(invocationId, step);
            }
            return step;
        }

        private void add(Instant at, TimelineKind kind, String from, String to, String tool, String content) {
            timeline.add(new TimelineEntry(timeline.size() + 1, at, kind, from, to, tool, content));
        }

        private ConversationRecord build() {
            List<Invocation> flow = new ArrayList<>();
            TokenUsage tokens = TokenUsage.ZERO;
            double cost = 0;
            int modelCalls = 0;
            int toolCount = 0;
            int toolErrors = 0;
            int knowledge = 0;
            Set<AgentName> used = new LinkedHashSet<>();
            for (InvocationStep s : steps.values()) {
                Invocation step = s.build();
                flow.add(step);
                tokens = tokens.plus(step.tokens());
                cost += step.costUsd() == null ? 0 : step.costUsd();
                modelCalls += step.modelCalls().size();
                toolCount += step.toolExecutions().size();
                toolErrors += (int) step.toolExecutions().stream()
                        .filter(t -> t.status() != null && t.status() != ToolStatus.OK)
                        .count();
                knowledge += step.knowledgeReferences().size();
                if (s.requestedBy != null) {
                    used.add(s.agent);
                }
            }
            Duration duration = reportedDuration != null
                    ? reportedDuration
                    : startedAt != null && endedAt != null ? Duration.between(startedAt, endedAt) : null;
            Totals totals = new Totals(
                    duration,
                    tokens,
                    round(cost),
                    allPriced,
                    modelCalls,
                    toolCount,
                    toolErrors,
                    knowledge,
                    List.copyOf(used));
            if (request == null) {
                anomalies.add("the stream has no RunStarted event");
            }
            // Concurrent delegations deliver events from several threads: order the timeline by when things
            // happened (stable, so same-instant entries keep their arrival order) and number it afterwards.
            List<TimelineEntry> ordered = new ArrayList<>(timeline);
            ordered.sort(java.util.Comparator.comparing(TimelineEntry::at));
            List<TimelineEntry> numbered = new ArrayList<>(ordered.size());
            for (int i = 0; i < ordered.size(); i++) {
                TimelineEntry e = ordered.get(i);
                // With a router, the question reaches the router first (the manager may never see it).
                String to = e.kind() == TimelineKind.QUESTION && router != null ? ConversationRecord.ROUTER : e.to();
                numbered.add(new TimelineEntry(i + 1, e.at(), e.kind(), e.from(), to, e.tool(), e.content()));
            }
            return new ConversationRecord(
                    runId, request, startedAt, endedAt, status, failure, router, routing, flow, numbered, answer,
                    totals);
        }
    }

    private static String names(List<AgentName> agents) {
        return String.join(", ", agents.stream().map(AgentName::value).toList());
    }

    static double round(double usd) {
        return Math.round(usd * 1_000_000d) / 1_000_000d;
    }
}
