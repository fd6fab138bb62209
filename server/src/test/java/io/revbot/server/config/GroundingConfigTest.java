package io.revbot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.tools.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroundingConfigTest {

    static GroundingPolicy policy(Map<String, String> env) {
        return Config.from(Settings.of(env)).grounding().policy();
    }

    @Test
    void groundingAnnotatesByDefaultAndTakesRepairOrOffInAnyCase() {
        assertThat(policy(Map.of())).isEqualTo(GroundingPolicy.ANNOTATE);
        assertThat(policy(Map.of("REVBOT_GROUNDING", "repair"))).isEqualTo(GroundingPolicy.REPAIR);
        assertThat(policy(Map.of("REVBOT_GROUNDING", "OFF"))).isEqualTo(GroundingPolicy.OFF);
    }

    @Test
    void anUnknownGroundingPolicyStopsStartUpNamingTheChoices() {
        assertThatThrownBy(() -> policy(Map.of("REVBOT_GROUNDING", "strict")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("REVBOT_GROUNDING: expected annotate | repair | off, got 'strict'");
    }
}
