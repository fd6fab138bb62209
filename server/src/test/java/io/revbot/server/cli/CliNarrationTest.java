package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.models.CachePlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CliNarrationTest {
    final StringWriter err = new StringWriter();
    final CliNarration narration = new CliNarration(new PrintWriter(err, true));

    static RunEvent.ModelCalled call(AgentName agent, String model, String fallbackFor) {
        return new RunEvent.ModelCalled(
                new RunEvent.Origin(RunId.random(), Instant.EPOCH, agent, new InvocationId(agent.value() + "-1")),
                model,
                TokenUsage.ZERO,
                Duration.ofMillis(5),
                "end_turn",
                CachePlan.NONE,
                fallbackFor);
    }

    @Test
    void aCallAnsweredByTheFallbackModelIsToldOncePerThrottledModel() {
        narration.on(call(AgentName.MANAGER, "claude-sonnet", null));
        narration.on(call(AgentName.MANAGER, "claude-haiku", "claude-sonnet"));
        narration.on(call(AgentName.DATA, "claude-haiku", "claude-sonnet"));

        assertThat(err.toString().lines())
                .containsExactly(
                        "› RevBot: claude-sonnet is throttled; the fallback model claude-haiku answers for now");
    }
}
