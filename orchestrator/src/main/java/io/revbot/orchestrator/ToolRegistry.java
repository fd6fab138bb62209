package io.revbot.orchestrator;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.KnownTools;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools that exist in this process: every {@code @Tool} method of the tool objects the composition root
 * registered, by name. An agent gets the intersection of what its spec lists and what is registered; tools not
 * built (or not configured) yet are simply absent, and that is logged once per agent and tool.
 */
public final class ToolRegistry {
    private static final System.Logger LOG = System.getLogger(ToolRegistry.class.getName());

    private final Map<String, RegisteredTool> tools;
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    private ToolRegistry(Map<String, RegisteredTool> tools) {
        this.tools = Map.copyOf(tools);
    }

    /** A tool: what the model sees and what runs it. */
    record RegisteredTool(ToolSpecification specification, ToolExecutor executor) {}

    /** Reads the {@code @Tool} methods of each object; two tools with one name is a programming error. */
    public static ToolRegistry of(List<?> toolObjects) {
        Map<String, RegisteredTool> tools = new LinkedHashMap<>();
        for (Object object : toolObjects) {
            for (Method method : object.getClass().getMethods()) {
                if (!method.isAnnotationPresent(Tool.class)) {
                    continue;
                }
                ToolSpecification spec = ToolSpecifications.toolSpecificationFrom(method);
                if (tools.containsKey(spec.name())) {
                    throw new IllegalArgumentException("two tools are named " + spec.name());
                }
                if (!KnownTools.isKnown(spec.name())) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "tool " + spec.name() + " of " + object.getClass().getName()
                                    + " is not in the canonical tool list; no agent.yaml can name it");
                }
                tools.put(spec.name(), new RegisteredTool(spec, new DefaultToolExecutor(object, method)));
            }
        }
        return new ToolRegistry(tools);
    }

    public Set<String> names() {
        return tools.keySet();
    }

    Optional<RegisteredTool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The registered tools among those {@code spec} lists, in the spec's order. */
    List<RegisteredTool> toolsFor(AgentSpec spec) {
        List<RegisteredTool> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : spec.tools()) {
            RegisteredTool tool = tools.get(name);
            if (tool != null) {
                out.add(tool);
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty() && reportedMissing.add(spec.name() + "/" + missing)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    spec.name() + " runs without " + String.join(", ", missing)
                            + " (listed in its agent.yaml, not registered in this process)");
        }
        return out;
    }
}
