package io.revbot.agents;

import java.util.List;
import java.util.Objects;

/**
 * One agent as data: what {@code agents/<name>/agent.yaml} and {@code instructions.md} say. Holds no behaviour; the
 * orchestrator runs it.
 *
 * @param name the folder name
 * @param description what the manager sees when choosing whom to delegate to (for the manager itself: a summary)
 * @param tools canonical tool names ({@link KnownTools}) this agent may use, in the order the spec lists them
 * @param model model settings overriding the run's defaults
 * @param instructions the system prompt, verbatim from {@code instructions.md}
 * @param source where the spec was read from (a directory or {@code classpath:agents/<name>}), for messages
 * @param mcpServers MCP servers (defined in {@code REVBOT_MCP_SERVERS}) whose allowed tools this agent may use too
 * @param examples questions this agent is the right one to answer, from {@code examples.txt} (the router learns
 *     from them); empty when the folder has none
 */
public record AgentSpec(
        AgentName name,
        String description,
        List<String> tools,
        ModelSettings model,
        String instructions,
        String source,
        List<String> mcpServers,
        List<String> examples) {

    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        tools = List.copyOf(tools);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(source, "source");
        mcpServers = List.copyOf(mcpServers);
        examples = List.copyOf(examples);
    }

    /** A spec that uses no MCP server and has no example questions (the router never sends a question to it). */
    public AgentSpec(
            AgentName name,
            String description,
            List<String> tools,
            ModelSettings model,
            String instructions,
            String source) {
        this(name, description, tools, model, instructions, source, List.of(), List.of());
    }

    public boolean isManager() {
        return name.equals(AgentName.MANAGER);
    }

    /** {@code ask_deal_analysis}: the manager's delegation tool for this agent. */
    public String delegationToolName() {
        return "ask_" + name.value();
    }
}
