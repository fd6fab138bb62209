package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manager's tools for one version of the agents: an {@code ask_<agent>} tool per specialist, then its own
 * registered tools, then {@code read_answer} ({@link AnswerPages}), and the specifications the model is sent, in that
 * order.
 */
record ManagerTools(
        Agents agents,
        Map<String, AgentSpec> delegates,
        Map<String, ToolRegistry.RegisteredTool> own,
        List<ToolSpecification> specifications) {

    static ManagerTools of(Agents specs, ToolRegistry registry) {
        Map<String, AgentSpec> delegates = new LinkedHashMap<>();
        List<ToolSpecification> specifications = new ArrayList<>();
        for (AgentSpec specialist : specs.specialists()) {
            delegates.put(specialist.delegationToolName(), specialist);
            specifications.add(Delegation.toolFor(specialist));
        }
        Map<String, ToolRegistry.RegisteredTool> own = new LinkedHashMap<>();
        for (ToolRegistry.RegisteredTool tool : registry.toolsFor(specs.manager())) {
            own.put(tool.specification().name(), tool);
            specifications.add(tool.specification());
        }
        specifications.add(AnswerPages.SPECIFICATION);
        return new ManagerTools(
                specs,
                Collections.unmodifiableMap(delegates),
                Collections.unmodifiableMap(own),
                List.copyOf(specifications));
    }

    /** Every name the manager may call, delegations first. */
    List<String> names() {
        List<String> names = new ArrayList<>(delegates.keySet());
        names.addAll(own.keySet());
        names.add(AnswerPages.TOOL);
        return names;
    }
}
