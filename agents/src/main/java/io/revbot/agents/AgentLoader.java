package io.revbot.agents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates agent specs from a directory ({@code agents/}, one folder per agent) or, when no directory
 * is configured, from the classpath ({@code agents/<name>/} inside the agents jar). Every problem is an
 * {@link AgentSpecException} naming the file and the field.
 *
 * <p>{@code agent.yaml}:
 *
 * <pre>
 * description: what the manager sees when deciding whom to ask (required for specialists)
 * tools: [deal_review, knowledge_search]      # canonical names, see KnownTools
 * mcp: [crm_extra]                            # optional: MCP servers defined in REVBOT_MCP_SERVERS
 * model:                                      # optional; each key optional
 *   id: us.anthropic.claude-haiku-4-5-20251001-v1:0
 *   temperature: 0.2
 *   max_tokens: 4096
 * </pre>
 */
public final class AgentLoader {

    /** The agents RevBot needs; a directory may add more specialists. */
    public static final List<AgentName> REQUIRED = List.of(
            AgentName.MANAGER,
            AgentName.DEAL_ANALYSIS,
            AgentName.LEAD_ANALYSIS,
            AgentName.DATA,
            AgentName.WEB_SEARCH,
            AgentName.EXECUTION);

    static final String SPEC_FILE = "agent.yaml";
    static final String INSTRUCTIONS_FILE = "instructions.md";
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("description", "tools", "model", "mcp");
    private static final Pattern SERVER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Set<String> MODEL_KEYS = Set.of("id", "temperature", "max_tokens");

    private AgentLoader() {}

    /** Loads every agent folder under {@code dir}; the required agents must be among them. */
    public static Agents fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AgentSpecException(dir.toString(), "agents directory does not exist");
        }
        Map<AgentName, AgentSpec> specs = new TreeMap<>();
        for (Path folder : agentFolders(dir)) {
            String folderName = folder.getFileName().toString();
            AgentName name = agentName(folder.toString(), folderName);
            Path yaml = folder.resolve(SPEC_FILE);
            Path instructions = folder.resolve(INSTRUCTIONS_FILE);
            Path examples = folder.resolve(ExampleQuestions.FILE);
            AgentSpec spec = parse(
                    name,
                    display(dir, yaml),
                    readFile(dir, yaml),
                    display(dir, instructions),
                    readFile(dir, instructions),
                    folder.toString());
            specs.put(
                    name,
                    withExamples(
                            spec,
                            Files.isRegularFile(examples)
                                    ? ExampleQuestions.parse(display(dir, examples), readFile(dir, examples))
                                    : List.of()));
        }
        requireAll(specs, dir.toString());
        ExampleQuestions.requireDistinct(specs);
        Path routing = dir.resolve(RoutingSpecParser.FILE);
        Optional<RoutingSpec> routingSpec = Optional.empty();
        if (Files.isRegularFile(routing)) {
            Path calibration = dir.resolve(RoutingSpecParser.CALIBRATION_FILE);
            routingSpec = Optional.of(RoutingSpecParser.parse(
                    display(dir, routing),
                    readFile(dir, routing),
                    display(dir, calibration),
                    readFile(dir, calibration)));
        }
        return new Agents(specs, routingSpec);
    }

    /** Loads the required agents from {@code agents/<name>/} on the classpath. */
    public static Agents fromClasspath(ClassLoader loader) {
        Map<AgentName, AgentSpec> specs = new TreeMap<>();
        for (AgentName name : REQUIRED) {
            String base = "agents/" + name.value() + "/";
            AgentSpec spec = parse(
                    name,
                    "classpath:" + base + SPEC_FILE,
                    readResource(loader, base + SPEC_FILE),
                    "classpath:" + base + INSTRUCTIONS_FILE,
                    readResource(loader, base + INSTRUCTIONS_FILE),
                    "classpath:" + base);
            String examples = base + ExampleQuestions.FILE;
            specs.put(
                    name,
                    withExamples(
                            spec,
                            loader.getResource(examples) == null
                                    ? List.of()
                                    : ExampleQuestions.parse("classpath:" + examples, readResource(loader, examples))));
        }
        ExampleQuestions.requireDistinct(specs);
        String routing = "agents/" + RoutingSpecParser.FILE;
        String calibration = "agents/" + RoutingSpecParser.CALIBRATION_FILE;
        Optional<RoutingSpec> routingSpec = loader.getResource(routing) == null
                ? Optional.empty()
                : Optional.of(RoutingSpecParser.parse(
                        "classpath:" + routing,
                        readResource(loader, routing),
                        "classpath:" + calibration,
                        readResource(loader, calibration)));
        return new Agents(specs, routingSpec);
    }

    private static AgentSpec withExamples(AgentSpec spec, List<String> examples) {
        return new AgentSpec(
                spec.name(),
                spec.description(),
                spec.tools(),
                spec.model(),
                spec.instructions(),
                spec.source(),
                spec.mcpServers(),
                examples);
    }

    /** The files whose change means the specs must be read again (for hot reload). */
    static List<Path> watchedFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        for (Path folder : agentFolders(dir)) {
            files.add(folder.resolve(SPEC_FILE));
            files.add(folder.resolve(INSTRUCTIONS_FILE));
            files.add(folder.resolve(ExampleQuestions.FILE));
        }
        files.add(dir.resolve(RoutingSpecParser.FILE));
        files.add(dir.resolve(RoutingSpecParser.CALIBRATION_FILE));
        return files;
    }

    /** Parses one agent's two files; visible for tests of single specs. */
    static AgentSpec parse(
            AgentName name,
            String yamlFile,
            String yamlText,
            String instructionsFile,
            String instructions,
            String source) {
        Map<String, Object> root = yamlMap(yamlFile, yamlText);
        for (String key : root.keySet()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new AgentSpecException(
                        yamlFile, "unknown field '" + key + "' (expected one of description, tools, model, mcp)");
            }
        }
        String description =
                optionalString(yamlFile, "description", root.get("description")).orElse("");
        if (description.isBlank() && !name.equals(AgentName.MANAGER)) {
            throw new AgentSpecException(
                    yamlFile, "field 'description' is required: the manager reads it to decide when to ask this agent");
        }
        List<String> tools = tools(yamlFile, root.get("tools"));
        ModelSettings model = model(yamlFile, root.get("model"));
        List<String> mcpServers = mcpServers(yamlFile, root.get("mcp"));
        if (instructions.isBlank()) {
            throw new AgentSpecException(instructionsFile, "is empty: write the agent's instructions");
        }
        if (instructions.contains("{{")) {
            // LangChain4j treats {{name}} in a system message as a template variable and would fail every run.
            throw new AgentSpecException(
                    instructionsFile, "contains '{{', which is reserved for template variables; write it differently");
        }
        return new AgentSpec(
                name, description.strip(), tools, model, instructions.strip(), source, mcpServers, List.of());
    }

    private static List<Path> agentFolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && !n.equals("src") && !n.equals("target");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AgentSpecException(dir.toString(), "cannot list agents directory: " + e.getMessage(), e);
        }
    }

    private static AgentName agentName(String file, String folderName) {
        AgentName name;
        try {
            name = new AgentName(folderName);
        } catch (IllegalArgumentException e) {
            throw new AgentSpecException(file, "folder name is not a valid agent name: " + e.getMessage(), e);
        }
        if (name.equals(AgentName.ROUTER)) {
            throw new AgentSpecException(file, "'router' is reserved for RevBot's router; name the agent differently");
        }
        return name;
    }

    private static void requireAll(Map<AgentName, AgentSpec> specs, String where) {
        for (AgentName required : REQUIRED) {
            if (!specs.containsKey(required)) {
                throw new AgentSpecException(
                        where + "/" + required.value() + "/" + SPEC_FILE,
                        "missing: RevBot needs the agent '" + required.value() + "'");
            }
        }
    }

    private static String display(Path dir, Path file) {
        Path parent = dir.getFileName() == null ? dir : dir.getFileName();
        return parent.resolve(dir.relativize(file)).toString();
    }

    private static String readFile(Path dir, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AgentSpecException(display(dir, file), "missing");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentSpecException(display(dir, file), "cannot read: " + e.getMessage(), e);
        }
    }

    private static String readResource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new AgentSpecException("classpath:" + path, "missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AgentSpecException("classpath:" + path, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> yamlMap(String file, String text) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new AgentSpecException(file, "is not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (doc == null) {
            throw new AgentSpecException(file, "is empty: it needs at least 'description' and 'tools'");
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new AgentSpecException(file, "must be a YAML map with the fields description, tools, model");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Optional<String> optionalString(String file, String field, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new AgentSpecException(file, "field '" + field + "' must be text, was " + describe(value));
        }
        return Optional.of(s);
    }

    private static List<String> tools(String file, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AgentSpecException(file, "field 'tools' must be a list of tool names, was " + describe(value));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String tool)) {
                throw new AgentSpecException(file, "field 'tools' must hold tool names, found " + describe(item));
            }
            if (!KnownTools.isKnown(tool)) {
                throw new AgentSpecException(
                        file,
                        "field 'tools': unknown tool '" + tool + "' (known tools: "
                                + String.join(
                                        ", ",
                                        KnownTools.names().stream().sorted().toList())
                                + ")");
            }
            if (!names.add(tool)) {
                throw new AgentSpecException(file, "field 'tools': '" + tool + "' is listed twice");
            }
        }
        return List.copyOf(names);
    }

    /** MCP server names; whether each is defined is checked where the configuration is known (the server). */
    private static List<String> mcpServers(String file, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AgentSpecException(
                    file, "field 'mcp' must be a list of MCP server names, was " + describe(value));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String server) || !SERVER_NAME.matcher(server).matches()) {
                throw new AgentSpecException(
                        file, "field 'mcp' must hold MCP server names (lower_snake_case), found " + describe(item));
            }
            if (!names.add(server)) {
                throw new AgentSpecException(file, "field 'mcp': '" + server + "' is listed twice");
            }
        }
        return List.copyOf(names);
    }

    private static ModelSettings model(String file, Object value) {
        if (value == null) {
            return ModelSettings.DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new AgentSpecException(file, "field 'model' must be a map (id, temperature, max_tokens)");
        }
        for (Object key : map.keySet()) {
            if (!MODEL_KEYS.contains(String.valueOf(key))) {
                throw new AgentSpecException(
                        file, "unknown field 'model." + key + "' (expected one of id, temperature, max_tokens)");
            }
        }
        Optional<String> id = optionalString(file, "model.id", map.get("id")).filter(s -> !s.isBlank());
        Optional<Double> temperature = Optional.empty();
        Object t = map.get("temperature");
        if (t != null) {
            if (!(t instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                throw new AgentSpecException(file, "field 'model.temperature' must be a number from 0 to 1, was " + t);
            }
            temperature = Optional.of(n.doubleValue());
        }
        Optional<Integer> maxTokens = Optional.empty();
        Object m = map.get("max_tokens");
        if (m != null) {
            if (!(m instanceof Integer i) || i < 1 || i > 200_000) {
                throw new AgentSpecException(
                        file, "field 'model.max_tokens' must be a whole number from 1 to 200000, was " + m);
            }
            maxTokens = Optional.of(i);
        }
        return new ModelSettings(id, temperature, maxTokens);
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return "'" + value + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        return nl < 0
                ? message
                : message.substring(0, nl) + " "
                        + message.substring(nl + 1).strip().replace('\n', ' ');
    }
}
