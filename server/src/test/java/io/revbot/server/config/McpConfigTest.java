package io.revbot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpConfigTest {
    @TempDir
    Path temp;

    static McpConfig mcp(Map<String, String> settings) {
        return Config.from(Settings.of(settings)).mcp();
    }

    static McpConfig servers(String yaml, String... variables) {
        Map<String, String> settings = new HashMap<>();
        settings.put("REVBOT_MCP_SERVERS", yaml);
        for (int i = 0; i < variables.length; i += 2) {
            settings.put(variables[i], variables[i + 1]);
        }
        return mcp(settings);
    }

    @Test
    void nothingConfiguredMeansNoMcpEndpointAndNoServers() {
        McpConfig config = mcp(Map.of());
        assertThat(config.serverEnabled()).isFalse();
        assertThat(config.servers()).isEmpty();
    }

    @Test
    void tokensAreNamedAndTheNamesAreWhatIsKeptInView() {
        McpConfig config = mcp(Map.of("REVBOT_MCP_TOKENS", "claude-desktop:planted-one, ci.bot_2:planted-two"));

        assertThat(config.serverEnabled()).isTrue();
        assertThat(config.tokens())
                .extracting(McpConfig.NamedToken::name)
                .containsExactly("claude-desktop", "ci.bot_2");
        assertThat(config.tokens().getFirst().token().matches("planted-one")).isTrue();
        assertThat(config.toString()).doesNotContain("planted");
        assertThat(config.secrets()).hasSize(2);
    }

    @Test
    void aTokenWithoutANameOrANameUsedTwiceStopsStartUp() {
        assertThatThrownBy(() -> mcp(Map.of("REVBOT_MCP_TOKENS", "just-a-token")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REVBOT_MCP_TOKENS: expected name:token pairs")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("just-a-token"));
        assertThatThrownBy(() -> mcp(Map.of("REVBOT_MCP_TOKENS", "a:x,a:y")))
                .hasMessage("REVBOT_MCP_TOKENS: the name 'a' is used twice");
    }

    @Test
    void stdioAndHttpServersWithValuesFromVariablesWhichAreSecrets() {
        McpConfig config = servers("""
                {"crm_extra": {"command": ["node", "/opt/crm/server.js"], "env": {"CRM_KEY": "${CRM_KEY}", "MODE": "ro"},
                               "tools": ["find_ticket", "get_ticket"]},
                 "jira": {"url": "https://mcp.example.com/mcp", "headers": {"Authorization": "Bearer ${JIRA_TOKEN}"},
                          "tools": ["search_issues"], "timeout_seconds": 90}}
                """, "CRM_KEY", "planted-crm-key", "JIRA_TOKEN", "planted-jira");

        McpConfig.McpServer crm = config.servers().get("crm_extra");
        McpConfig.Stdio stdio = (McpConfig.Stdio) crm.transport();
        assertThat(stdio.command()).containsExactly("node", "/opt/crm/server.js");
        assertThat(stdio.env().get("CRM_KEY").reveal()).isEqualTo("planted-crm-key");
        assertThat(stdio.env().get("MODE").reveal()).isEqualTo("ro");
        assertThat(crm.tools()).containsExactly("find_ticket", "get_ticket");
        assertThat(crm.timeout()).isEqualTo(Duration.ofSeconds(30));
        McpConfig.McpServer jira = config.servers().get("jira");
        McpConfig.Http http = (McpConfig.Http) jira.transport();
        assertThat(http.url()).isEqualTo(URI.create("https://mcp.example.com/mcp"));
        assertThat(http.headers().get("Authorization").reveal()).isEqualTo("Bearer planted-jira");
        assertThat(jira.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.toString()).doesNotContain("planted");
        assertThat(config.secrets()).extracting(s -> s.reveal()).contains("planted-crm-key", "Bearer planted-jira");
    }

    @Test
    void revbotYamlHoldsTheServersAsYaml() throws Exception {
        Path file = Files.writeString(temp.resolve("revbot.yaml"), """
                REVBOT_MCP_TOKENS: "desktop:abc"
                REVBOT_MCP_SERVERS:
                  tickets:
                    command: [java, -jar, tickets.jar]
                    tools: [find_ticket]
                """);

        Config config = Config.from(Settings.load(Map.of("REVBOT_CONFIG", file.toString()), Map.of()));

        assertThat(config.mcp().servers()).containsOnlyKeys("tickets");
        assertThat(((McpConfig.Stdio) config.mcp().servers().get("tickets").transport()).command())
                .containsExactly("java", "-jar", "tickets.jar");
        assertThat(config.mcp().tokens()).hasSize(1);
    }

    @Test
    void eachMistakeInAServerStopsStartUpNamingTheServer() {
        List<String[]> cases = List.of(
                new String[] {"{tickets: {tools: [a]}}", "server 'tickets': give either command"},
                new String[] {"{tickets: {command: [x], url: 'http://h/mcp', tools: [a]}}", "give either command"},
                new String[] {"{tickets: {command: [x]}}", "server 'tickets': 'tools' must be a non-empty list"},
                new String[] {"{tickets: {command: [x], tools: []}}", "'tools' must be a non-empty list"},
                new String[] {"{tickets: {command: [x], tools: [a, a]}}", "tool 'a' is listed twice"},
                new String[] {"{tickets: {command: [x], tools: ['a.b']}}", "tool name 'a.b' must be 1-64"},
                new String[] {"{tickets: {command: [x], tools: [a], color: red}}", "unknown field 'color'"},
                new String[] {"{tickets: {url: 'ftp://h/x', tools: [a]}}", "'url' must be an http(s) URL"},
                new String[] {"{tickets: {url: 'http://h/mcp', env: {A: b}, tools: [a]}}", "env is for command servers"
                },
                new String[] {"{tickets: {command: [x], env: {K: '${UNSET_VAR}'}, tools: [a]}}", "needs ${UNSET_VAR}"},
                new String[] {"{tickets: {command: [x], tools: [a], timeout_seconds: 0}}", "'timeout_seconds'"},
                new String[] {"{Tickets: {command: [x], tools: [a]}}", "server name 'Tickets' must be lower_snake_case"
                },
                new String[] {"[a, b]", "expected a map of server name"},
                new String[] {"{tickets: [", "not valid YAML or JSON"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> servers(c[0]))
                    .as(c[0])
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("REVBOT_MCP_SERVERS: ")
                    .hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(e.getMessage()).hasLineCount(1));
        }
    }
}
