package io.revbot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    static Config.AnalyticsConfig bind(String target) {
        return Config.from(Settings.of(Map.of("REVBOT_QUARTERLY_TARGET", target)))
                .analytics();
    }

    @Test
    void theQuarterlyTargetReadsPlainAmountsAndKMSuffixes() {
        assertThat(bind("2500000").quarterlyTarget()).contains(2_500_000.0);
        assertThat(bind("2.5M").quarterlyTarget()).contains(2_500_000.0);
        assertThat(bind("$750K").quarterlyTarget()).contains(750_000.0);
        assertThat(bind("1,200,000").quarterlyTarget()).contains(1_200_000.0);
        assertThat(Config.from(Settings.of(Map.of())).analytics().quarterlyTarget())
                .isEmpty();
    }

    @Test
    void aMalformedTargetNamesTheKey() {
        assertThatThrownBy(() -> bind("lots"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("REVBOT_QUARTERLY_TARGET");
        assertThatThrownBy(() -> bind("-5")).isInstanceOf(ConfigurationException.class);
    }
}
