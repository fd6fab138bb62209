package io.revbot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LoggingConfigTest {
    @Test
    void theLogLevelIsUnsetByDefaultAndTakesTheUsualNames() {
        assertThat(Config.from(Settings.of(Map.of())).logging().level()).isEmpty();
        assertThat(Config.from(Settings.of(Map.of("REVBOT_LOG_LEVEL", "debug")))
                        .logging()
                        .level())
                .contains(Level.FINE);
        assertThat(Config.from(Settings.of(Map.of("REVBOT_LOG_LEVEL", "WARN")))
                        .logging()
                        .level())
                .contains(Level.WARNING);
    }

    @Test
    void anUnknownLevelStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_LOG_LEVEL", "loud"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REVBOT_LOG_LEVEL: expected off | error | warning | info | debug | trace");
    }
}
