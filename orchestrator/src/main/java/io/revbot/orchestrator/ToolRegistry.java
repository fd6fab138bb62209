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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools that exist in this process: every {@code @Tool} method of the tool objects the composition root
 * registered, by name, plus the allowed tools of the MCP servers it connected. An agent gets the intersection of
 * what its spec lists and what is registered, then the tools of the MCP servers its spec names; tools not built (or
 * not configured) yet are simply absent, and that is logged once per agent and tool.
 */
public final class ToolRegistry {
    private static final System.Logger LOG = System.getLogger(ToolRegistry.class.getName());

    private final Map<String, RegisteredTool> tools;
    private final Map<String, List<RegisteredTool>> serverTools;
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    private ToolRegistry(Map<String, RegisteredTool> tools, Map<String, List<RegisteredTool>> serverTools) {
        this.tools = Map.copyOf(tools);
        this.serverTools = Map.copyOf(serverTools);
    }

    /** A tool: what the model sees and what runs it. */
    record RegisteredTool(ToolSpecification specification, ToolExecutor executor) {}

    /**
     * A tool of an MCP server, which an agent gets by naming the server in its spec ({@code mcp: [server]}). The
     * executor is observed like a local tool's.
     */
    public record ServerTool(String server, ToolSpecification specification, ToolExecutor executor) {}

    /** Reads the {@code @Tool} methods of each object; two tools with one name is a programming error. */
    public static ToolRegistry of(List<?> toolObjects) {
        return of(toolObjects, List.of());
    }

    /** The {@code @Tool} methods of each object and the MCP servers' tools; every name must be unique. */
    public static ToolRegistry of(List<?> toolObjects, List<ServerTool> mcpTools) {
        Map<String, RegisteredTool> tools = localTools(toolObjects);
        Map<String, List<RegisteredTool>> byServer = new LinkedHashMap<>();
        Set<String> names = new HashSet<>(tools.keySet());
        for (ServerTool tool : mcpTools) {
            if (!names.add(tool.specification().name())) {
                throw new IllegalArgumentException(
                        "two tools are named " + tool.specification().name());
            }
            byServer.computeIfAbsent(tool.server(), s -> new ArrayList<>())
                    .add(new RegisteredTool(tool.specification(), tool.executor()));
        }
        byServer.replaceAll((server, list) -> List.copyOf(list));
        return new ToolRegistry(tools, byServer);
    }

    private static Map<String, RegisteredTool> localTools(List<?> toolObjects) {
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
        return tools;
    }

    /** The local tools' names (MCP servers' tools are reached only through the agents that name the server). */
    public Set<String> names() {
        return tools.keySet();
    }

    Optional<RegisteredTool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The registered tools among those {@code spec} lists, in the spec's order, then those of its MCP servers. */
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
        for (String server : spec.mcpServers()) {
            List<RegisteredTool> fromServer = serverTools.get(server);
            if (fromServer != null) {
                out.addAll(fromServer);
            } else {
                missing.add("MCP server " + server);
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
