package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutor;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.ModelSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {
    static final ToolExecutor ECHO = (request, memoryId) -> request.arguments();

    static ToolRegistry.ServerTool serverTool(String server, String name) {
        return new ToolRegistry.ServerTool(
                server, ToolSpecification.builder().name(name).description(name).build(), ECHO);
    }

    static AgentSpec spec(List<String> tools, List<String> mcp) {
        return new AgentSpec(
                AgentName.DATA, "numbers", tools, ModelSettings.DEFAULTS, "Answer.", "test", mcp, List.of());
    }

    @Test
    void anAgentGetsItsListedToolsThenTheToolsOfTheMcpServersItNames() {
        ToolRegistry registry = ToolRegistry.of(
                List.of(new FakeTools()),
                List.of(
                        serverTool("tickets", "find_ticket"),
                        serverTool("tickets", "get_ticket"),
                        serverTool("wiki", "search_pages")));

        assertThat(registry.toolsFor(spec(List.of("run_sql"), List.of("tickets"))))
                .extracting(t -> t.specification().name())
                .containsExactly("run_sql", "find_ticket", "get_ticket");
        assertThat(registry.toolsFor(spec(List.of("run_sql"), List.of())))
                .extracting(t -> t.specification().name())
                .containsExactly("run_sql");
        // a hot-reloaded spec may name a server this process did not connect: it runs without it
        assertThat(registry.toolsFor(spec(List.of(), List.of("jira", "wiki"))))
                .extracting(t -> t.specification().name())
                .containsExactly("search_pages");
        assertThat(registry.names()).doesNotContain("find_ticket", "search_pages");
    }

    @Test
    void anMcpToolMayNotShareANameWithAnotherTool() {
        assertThatThrownBy(() -> ToolRegistry.of(List.of(new FakeTools()), List.of(serverTool("tickets", "run_sql"))))
                .hasMessage("two tools are named run_sql");
        assertThatThrownBy(() ->
                        ToolRegistry.of(List.of(), List.of(serverTool("tickets", "find"), serverTool("wiki", "find"))))
                .hasMessage("two tools are named find");
    }
}
