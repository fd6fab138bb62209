package io.revbot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessConfigTest {

    @Test
    void tokensHaveNamesAndABareTokenIsNamedAfterItsHash() {
        Config config = Config.from(Settings.of(Map.of(
                "REVBOT_API_TOKENS", "crm-app:tok_crm_app_0123456789, tok_bare_token_0123456789",
                "REVBOT_VIEWER_TOKENS", "ops:tok_viewer_0123456789")));

        List<NamedToken> api = config.webhook().apiTokens();
        assertThat(api).extracting(NamedToken::name).first().isEqualTo("crm-app");
        assertThat(api.get(0).token().matches("tok_crm_app_0123456789")).isTrue();
        assertThat(api.get(1).name()).matches("token-[0-9a-f]{12}").doesNotContain("tok_bare");
        assertThat(api.get(1).name()).isEqualTo(NamedToken.fingerprint("tok_bare_token_0123456789"));
        assertThat(config.access().viewerTokens()).extracting(NamedToken::name).containsExactly("ops");
        assertThat(config.toString()).doesNotContain("tok_");
    }

    @Test
    void shortTokensAndNamesGivenTwiceStopStartUp() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_API_TOKENS", "crm:short"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REVBOT_API_TOKENS: entry 1 (crm): a token must be at least 16 characters");
        assertThatThrownBy(() -> Config.from(Settings.of(
                        Map.of("REVBOT_VIEWER_TOKENS", "ops:tok_0123456789abcdef,ops:tok_fedcba9876543210"))))
                .hasMessage("REVBOT_VIEWER_TOKENS: the name 'ops' is given to two tokens");
    }

    @Test
    void slackIdsAndHostListsAreValidated() {
        Config config = Config.from(Settings.of(Map.of(
                "REVBOT_SLACK_TEAM_IDS", "T0123ABCD,T0456EFGH",
                "REVBOT_SLACK_APP_ID", "A0123ABCD",
                "REVBOT_SLACK_ALLOW_EXTERNAL", "true",
                "REVBOT_SLACK_ALLOWED_USERGROUPS", "S0REVOPS1",
                "REVBOT_ACTION_WEBHOOK_HOSTS", "hooks.example.com,*.acme.internal",
                "REVBOT_ANSWER_LINK_HOSTS", "wiki.acme.com")));
        AccessConfig.SlackAccess slack = config.access().slack();
        assertThat(slack.teamIds()).containsExactly("T0123ABCD", "T0456EFGH");
        assertThat(slack.appId()).contains("A0123ABCD");
        assertThat(slack.allowExternal()).isTrue();
        assertThat(slack.restricted()).isTrue();
        assertThat(config.access().actionWebhookHosts().allows("hooks.example.com"))
                .isTrue();
        assertThat(config.access().actionWebhookHosts().allows("x.acme.internal"))
                .isTrue();
        assertThat(config.access().actionWebhookHosts().allows("acme.internal")).isFalse();
        assertThat(config.access().actionWebhookHosts().allows("hooks.example.com.evil.io"))
                .isFalse();
        assertThat(config.access().answerLinkHosts().allows("WIKI.acme.com.")).isTrue();

        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_SLACK_TEAM_IDS", "acme"))))
                .hasMessageStartingWith("REVBOT_SLACK_TEAM_IDS: expected Slack ids like T0123ABCD");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("REVBOT_ACTION_WEBHOOK_HOSTS", "https://x.com/a"))))
                .hasMessageStartingWith("REVBOT_ACTION_WEBHOOK_HOSTS: 'https://x.com/a' is not a host name");
    }

    @Test
    void byDefaultTheViewerNeedsCredentialsAndSlackAnswersOnlyTheOrganisation() {
        Config config = Config.from(Settings.of(Map.of()));
        assertThat(config.access().viewerAllowAnonymous()).isFalse();
        assertThat(config.access().slack()).isEqualTo(AccessConfig.SlackAccess.DEFAULTS);
        assertThat(config.access().actionWebhookHosts().isEmpty()).isTrue();
    }

    @Test
    void everySecretTheConfigurationBindsIsFoundForRedactionWithoutAHandKeptList() {
        Settings probe = Settings.of(Map.of());
        Config.from(probe);
        Map<String, String> values = new HashMap<>();
        int n = 0;
        for (String key : probe.secretKeysRead()) {
            values.put(key, "planted-secret-value-" + (n++) + "-for-" + key);
        }
        values.put("REVBOT_API_TOKENS", "crm-app:planted-api-token-0001");
        values.put("REVBOT_VIEWER_TOKENS", "planted-viewer-token-0002");
        values.put("REVBOT_DATABASE_URL", "jdbc:postgresql://db:5432/revbot?user=app&password=planted-db-password-3");
        values.put("REVBOT_WAREHOUSE", "jdbc");
        values.put("REVBOT_WAREHOUSE_JDBC_URL", "jdbc:postgresql://app:planted-url-password-4@wh:5432/x");

        Config config = Config.from(Settings.of(values));
        List<Secret> found = ConfiguredSecrets.of(config);

        assertThat(probe.secretKeysRead())
                .as("the keys bound as secrets today")
                .contains("SLACK_BOT_TOKEN", "ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY", "FIREBOLT_CLIENT_SECRET");
        for (String planted : values.values()) {
            if (planted.startsWith("planted-")) {
                assertThat(found).as(planted).anyMatch(secret -> secret.matches(planted));
            }
        }
        for (String planted : List.of(
                "planted-api-token-0001",
                "planted-viewer-token-0002",
                "planted-db-password-3",
                "planted-url-password-4")) {
            assertThat(found).as(planted).anyMatch(secret -> secret.matches(planted));
        }
        assertThat(found.size()).isGreaterThanOrEqualTo(probe.secretKeysRead().size() + 4);
    }
}
