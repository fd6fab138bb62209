package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shipped manifest subscribes to what the bot handles, grants what it calls, and points at its routes. */
class SlackAppManifestTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> map, String... path) {
        Map<String, Object> current = map;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
            assertThat(current).as(String.join(".", path)).isNotNull();
        }
        return current;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theManifestMatchesTheEventsScopesAndRoutesOfTheBot() throws Exception {
        Map<String, Object> manifest;
        try (Reader reader = Files.newBufferedReader(Path.of("slack-app-manifest.yaml"))) {
            manifest = new Yaml().load(reader);
        }
        Map<String, Object> events = section(manifest, "settings", "event_subscriptions");
        assertThat((List<String>) events.get("bot_events"))
                .containsExactlyInAnyOrder("app_mention", "message.im", "agent_session_stopped", "app_home_opened");
        assertThat((String) events.get("request_url")).endsWith("/slack/events");
        Map<String, Object> interactivity = section(manifest, "settings", "interactivity");
        assertThat(interactivity.get("is_enabled")).isEqualTo(true);
        assertThat((String) interactivity.get("request_url")).endsWith("/slack/interactions");
        List<String> scopes =
                (List<String>) section(manifest, "oauth_config", "scopes").get("bot");
        assertThat(scopes)
                .contains("app_mentions:read", "chat:write", "im:history", "im:read", "im:write", "assistant:write");
        assertThat(section(manifest, "features", "app_home").get("messages_tab_enabled"))
                .isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theManifestDeclaresAnAgentWithThePromptsRevbotOffersInItsDm() throws Exception {
        Map<String, Object> manifest;
        try (Reader reader = Files.newBufferedReader(Path.of("slack-app-manifest.yaml"))) {
            manifest = new Yaml().load(reader);
        }
        Map<String, Object> agent = section(manifest, "features", "agent_view");
        assertThat((String) agent.get("agent_description")).isNotBlank();
        List<Map<String, String>> prompts = (List<Map<String, String>>) agent.get("suggested_prompts");
        assertThat(prompts).hasSizeBetween(1, 4);
        assertThat(prompts)
                .extracting(p -> new SuggestedPrompts.Prompt(p.get("title"), p.get("message")))
                .containsExactlyElementsOf(SuggestedPrompts.DEFAULTS);
    }
}
