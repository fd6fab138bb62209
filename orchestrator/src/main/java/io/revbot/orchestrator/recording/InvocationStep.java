package io.revbot.orchestrator.recording;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.RunEvent.AgentOutcome;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.recording.ConversationRecord.ActionProposal;
import io.revbot.orchestrator.recording.ConversationRecord.Invocation;
import io.revbot.orchestrator.recording.ConversationRecord.KnowledgeReference;
import io.revbot.orchestrator.recording.ConversationRecord.ModelCall;
import io.revbot.orchestrator.recording.ConversationRecord.ToolExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One invocation as {@link ConversationAssembler} collects it from the events, until it is built into a record. */
final class InvocationStep {
    final InvocationId invocationId;
    final AgentName agent;
    AgentName requestedBy;
    String input;
    String output;
    String error;
    AgentOutcome outcome;
    Instant startedAt;
    Instant finishedAt;
    Duration duration;
    final List<ModelCall> modelCalls = new ArrayList<>();
    final Map<String, ToolExecution> tools = new LinkedHashMap<>();
    final List<KnowledgeReference> knowledge = new ArrayList<>();
    final List<ActionProposal> actions = new ArrayList<>();

    InvocationStep(InvocationId invocationId, AgentName agent) {
        this.invocationId = invocationId;
        this.agent = agent;
    }

    Invocation build() {
        TokenUsage tokens = TokenUsage.ZERO;
        Double cost = 0d;
        for (ModelCall call : modelCalls) {
            tokens = tokens.plus(call.usage());
            cost = cost == null || call.costUsd() == null ? null : cost + call.costUsd();
        }
        return new Invocation(
                invocationId,
                agent,
                requestedBy,
                input,
                output,
                error,
                outcome,
                startedAt,
                finishedAt,
                duration,
                modelCalls,
                List.copyOf(tools.values()),
                knowledge,
                actions,
                tokens,
                cost == null ? null : ConversationAssembler.round(cost));
    }
}
