package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.routing.RoutingDecision;
import io.revbot.orchestrator.routing.Tier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoutingNarrationTest {

    private static RunEvent.RouteDecided decided(RoutingDecision decision) {
        return new RunEvent.RouteDecided(new RunId("r1"), Instant.now(), decision, Duration.ofMillis(3));
    }

    @Test
    void aQuestionRoutedToOneSpecialistSaysWhereItGoes() {
        assertThat(NarrationText.of(decided(new RoutingDecision.Specialist(
                        AgentName.DEAL_ANALYSIS, Tier.EMBEDDING, 0.93, 0.8, "like its examples"))))
                .contains(":compass: Routing to Deal analysis…");
    }

    @Test
    void aTemplateAnswerOrTheManagerNeedNoRoutingStatus() {
        assertThat(NarrationText.of(decided(new RoutingDecision.Direct("greeting", "Hi!", "rule"))))
                .isEmpty();
        assertThat(NarrationText.of(decided(
                        new RoutingDecision.Supervisor(Tier.RULES, null, null, "two asks", java.util.List.of()))))
                .isEmpty();
        assertThat(NarrationText.activity("hand_back")).isEqualTo("handing the question to the manager");
    }
}
