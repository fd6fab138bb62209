package io.revbot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheEmbeddedDefaults() {
        Config config = Config.from(Settings.of(Map.of()));
        assertThat(config.storage().embedded()).isTrue();
        assertThat(config.warehouse().kind()).isEqualTo(Config.WarehouseKind.DEMO);
        assertThat(config.model().provider()).isEqualTo(Config.ModelProvider.BEDROCK);
        assertThat(config.limits().managerTurns()).isEqualTo(8);
        assertThat(config.limits().runDeadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.limits().specialistAnswerTokens()).isEqualTo(4_000);
        assertThat(config.server().port()).isEqualTo(8080);
    }

    @Test
    void printingAConfigNeverShowsASecret() {
        Config config = Config.from(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-planted-token",
                "SLACK_SIGNING_SECRET", "planted-signing-secret",
                "REVBOT_API_TOKENS", "planted-api-token-1,planted-api-token-2",
                "ANTHROPIC_API_KEY", "sk-ant-planted",
                "REVBOT_MODEL_PROVIDER", "anthropic")));
        assertThat(config.toString()).doesNotContain("planted").contains("****");
    }

    @Test
    void aMalformedValueNamesTheKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_PORT", "eighty"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("REVBOT_PORT: expected an integer, got 'eighty'");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_MODEL_PROVIDER", "gemini"))))
                .hasMessageContaining("REVBOT_MODEL_PROVIDER: expected bedrock | anthropic | openai");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_RUN_DEADLINE", "soon"))))
                .hasMessageContaining("REVBOT_RUN_DEADLINE");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_SPECIALIST_ANSWER_TOKENS", "10"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REVBOT_SPECIALIST_ANSWER_TOKENS");
    }

    @Test
    void theSqlByteCapTakesBytesOrDecimalUnitsWithinItsRange() {
        assertThat(Config.from(Settings.of(Map.of())).warehouse().byteLimit()).isEqualTo(2_000_000);
        assertThat(Config.from(Settings.of(Map.of("REVBOT_SQL_BYTE_LIMIT", "500KB")))
                        .warehouse()
                        .byteLimit())
                .isEqualTo(500_000);
        assertThat(Config.from(Settings.of(Map.of("REVBOT_SQL_BYTE_LIMIT", "8mb")))
                        .warehouse()
                        .byteLimit())
                .isEqualTo(8_000_000);
        assertThat(Config.from(Settings.of(Map.of("REVBOT_SQL_BYTE_LIMIT", "123456")))
                        .warehouse()
                        .byteLimit())
                .isEqualTo(123_456);
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_SQL_BYTE_LIMIT", "lots"))))
                .hasMessage("REVBOT_SQL_BYTE_LIMIT: expected a size like 2000000, 500KB or 2MB, got 'lots'");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_SQL_BYTE_LIMIT", "5KB"))))
                .hasMessage("REVBOT_SQL_BYTE_LIMIT: expected a size from 10000 to 1000000000 bytes, got 5000");
    }

    @Test
    void theKnowledgeStoreFollowsTheDatabaseUnlessToldToUseTheEmbeddedIndex() {
        String db = "jdbc:postgresql://db:5432/revbot";
        assertThat(Config.from(Settings.of(Map.of("REVBOT_DATABASE_URL", db)))
                        .storage()
                        .vectorDatabaseUrl())
                .contains(db);
        assertThat(Config.from(Settings.of(Map.of("REVBOT_DATABASE_URL", db, "REVBOT_VECTOR_DATABASE_URL", "embedded")))
                        .storage()
                        .vectorDatabaseUrl())
                .isEmpty();
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_VECTOR_DATABASE_URL", "postgres://db"))))
                .hasMessageContaining("REVBOT_VECTOR_DATABASE_URL");
    }

    @Test
    void aMistypedRevbotKeyStopsStartUp() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_WAREHOUS", "demo"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REVBOT_WAREHOUS: unknown setting");
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Config config = Config.from(Settings.of(Map.of("REVBOT_PORT", "9000"), Map.of("REVBOT_PORT", "9100")));
        assertThat(config.server().port()).isEqualTo(9100);
    }

    @Test
    void theModelIsNotConfiguredWithoutCredentialsAndTheMessageNamesAllProviders() {
        Config config = Config.from(Settings.of(Map.of("REVBOT_MODEL_PROVIDER", "anthropic")));
        assertThat(config.model().configured()).isFalse();
        assertThat(config.model().howToConfigure())
                .contains("ANTHROPIC_API_KEY")
                .contains("bedrock")
                .contains("openai")
                .contains("OPENAI_BASE_URL");
    }

    @Test
    void requiredCompanionsAreEnforced() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_WAREHOUSE", "jdbc"))))
                .hasMessageStartingWith("REVBOT_WAREHOUSE_JDBC_URL");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_SEARCH_PROVIDER", "tavily"))))
                .hasMessageStartingWith("REVBOT_SEARCH_API_KEY");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_EXPORT_S3_URI", "bucket/prefix"))))
                .hasMessageStartingWith("REVBOT_EXPORT_S3_URI");
    }

    @Test
    void gongNeedsTheCompanysBaseUrlAndSaysWhereToFindIt() {
        assertThatThrownBy(() ->
                        Config.from(Settings.of(Map.of("GONG_ACCESS_KEY", "key", "GONG_ACCESS_KEY_SECRET", "secret"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("GONG_BASE_URL: required with GONG_ACCESS_KEY")
                .hasMessageContaining("Ecosystem > API");
        Config config = Config.from(Settings.of(Map.of(
                "GONG_ACCESS_KEY", "key",
                "GONG_ACCESS_KEY_SECRET", "secret",
                "GONG_BASE_URL", "https://us-12345.api.gong.io")));
        assertThat(config.calls().gongBaseUrl())
                .hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("us-12345.api.gong.io"));
    }
}
