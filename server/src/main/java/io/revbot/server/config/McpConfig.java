package io.revbot.server.config;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * MCP both ways. {@code REVBOT_MCP_TOKENS} ({@code name:token,…}) are the bearer tokens {@code POST /mcp} accepts;
 * the name, never the token, is what recordings and metrics show. {@code REVBOT_MCP_SERVERS} defines the MCP servers
 * whose tools agents may use ({@code mcp: [name]} in {@code agent.yaml}): a YAML map in {@code revbot.yaml} (JSON
 * in the environment) of server name to
 *
 * <pre>
 * command: [node, /opt/crm-mcp/server.js]   # a stdio server, started by RevBot …
 * env: {CRM_API_KEY: "${CRM_API_KEY}"}      #   … with only these variables (plus PATH, HOME and the like)
 * url: https://mcp.example.com/mcp          # … or a Streamable HTTP server
 * headers: {Authorization: "Bearer ${JIRA_TOKEN}"}
 * tools: [find_ticket, get_ticket]          # the allow-list: only these tools reach the agents
 * timeout_seconds: 30                       # optional, per request (default 30)
 * </pre>
 *
 * {@code ${NAME}} in an env or header value is replaced by that variable (revbot.yaml, environment or flag);
 * such values are secrets: masked when printed and removed from exports.
 */
public record McpConfig(List<NamedToken> tokens, Map<String, McpServer> servers) {

    public static final String TOKENS_KEY = "REVBOT_MCP_TOKENS";
    public static final String SERVERS_KEY = "REVBOT_MCP_SERVERS";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    /** What Claude (and the other providers) accept as a tool name. */
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> SERVER_KEYS =
            Set.of("command", "env", "url", "headers", "tools", "timeout_seconds");

    public McpConfig {
        tokens = List.copyOf(tokens);
        servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers)); // in the order they are written
    }

    /** A bearer token of {@code /mcp} and the name recordings show instead of it. */
    public record NamedToken(String name, Secret token) {}

    /** One MCP server RevBot connects to; {@code tools} is the allow-list, in order. */
    public record McpServer(String name, Transport transport, List<String> tools, Duration timeout) {
        public McpServer {
            tools = List.copyOf(tools);
        }
    }

    /** How RevBot reaches an MCP server. */
    public sealed interface Transport permits Stdio, Http {}

    /** A process RevBot starts; it sees only {@code env} (and the SDK's few safe defaults such as PATH and HOME). */
    public record Stdio(List<String> command, Map<String, Secret> env) implements Transport {
        public Stdio {
            command = List.copyOf(command);
            env = Map.copyOf(env);
        }
    }

    /** A Streamable HTTP endpoint and the headers sent with every request. */
    public record Http(URI url, Map<String, Secret> headers) implements Transport {
        public Http {
            headers = Map.copyOf(headers);
        }
    }

    public boolean serverEnabled() {
        return !tokens.isEmpty();
    }

    /** Every credential in the MCP settings, for the exports' redactor. */
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        tokens.forEach(t -> secrets.add(t.token()));
        servers.values().forEach(s -> {
            switch (s.transport()) {
                case Stdio stdio -> secrets.addAll(stdio.env().values());
                case Http http -> secrets.addAll(http.headers().values());
            }
        });
        return secrets;
    }

    static McpConfig from(Settings s) {
        return new McpConfig(tokens(s.list(TOKENS_KEY)), servers(s));
    }

    private static List<NamedToken> tokens(List<String> entries) {
        Map<String, NamedToken> byName = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String name = colon < 0 ? "" : entry.substring(0, colon).strip();
            String token = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (!TOKEN_NAME.matcher(name).matches() || token.isEmpty()) {
                throw new ConfigurationException(
                        TOKENS_KEY,
                        "expected name:token pairs separated by commas (name: letters, digits, '.', '_' or '-'),"
                                + " e.g. claude-desktop:<token>");
            }
            if (byName.putIfAbsent(name, new NamedToken(name, Secret.of(token))) != null) {
                throw new ConfigurationException(TOKENS_KEY, "the name '" + name + "' is used twice");
            }
        }
        return List.copyOf(byName.values());
    }

    private static Map<String, McpServer> servers(Settings s) {
        var text = s.string(SERVERS_KEY);
        if (text.isEmpty()) {
            return Map.of();
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text.get());
        } catch (YAMLException e) {
            throw new ConfigurationException(
                    SERVERS_KEY,
                    "not valid YAML or JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigurationException(SERVERS_KEY, "expected a map of server name to its settings");
        }
        Map<String, McpServer> servers = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String name = String.valueOf(k);
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException(
                        SERVERS_KEY,
                        "server name '" + name + "' must be lower_snake_case (what agent.yaml's mcp: lists)");
            }
            servers.put(name, server(name, v, s));
        });
        return servers;
    }

    private static McpServer server(String name, Object value, Settings s) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw fail(name, "expected a map with command or url, and tools");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        raw.forEach((k, v) -> m.put(String.valueOf(k), v));
        for (String key : m.keySet()) {
            if (!SERVER_KEYS.contains(key)) {
                throw fail(
                        name, "unknown field '" + key + "' (expected " + String.join(", ", sorted(SERVER_KEYS)) + ")");
            }
        }
        boolean stdio = m.containsKey("command");
        if (stdio == m.containsKey("url")) {
            throw fail(name, "give either command (a stdio server) or url (a Streamable HTTP server)");
        }
        Transport transport = stdio
                ? new Stdio(strings(name, "command", m.get("command")), values(name, "env", m.get("env"), s))
                : new Http(url(name, m.get("url")), values(name, "headers", m.get("headers"), s));
        if ((stdio && m.containsKey("headers")) || (!stdio && m.containsKey("env"))) {
            throw fail(name, stdio ? "headers are for url servers" : "env is for command servers");
        }
        List<String> tools = strings(name, "tools", m.get("tools"));
        Set<String> unique = new LinkedHashSet<>();
        for (String tool : tools) {
            if (!TOOL_NAME.matcher(tool).matches()) {
                throw fail(name, "tool name '" + tool + "' must be 1-64 letters, digits, '_' or '-'");
            }
            if (!unique.add(tool)) {
                throw fail(name, "tool '" + tool + "' is listed twice");
            }
        }
        return new McpServer(name, transport, tools, timeout(name, m.get("timeout_seconds")));
    }

    private static List<String> strings(String server, String field, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw fail(server, "'" + field + "' must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (item == null
                    || item instanceof Map<?, ?>
                    || item instanceof List<?>
                    || String.valueOf(item).isBlank()) {
                throw fail(server, "'" + field + "' must hold non-empty text values");
            }
            out.add(String.valueOf(item));
        }
        return out;
    }

    private static Map<String, Secret> values(String server, String field, Object value, Settings s) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(server, "'" + field + "' must be a map of name to value");
        }
        Map<String, Secret> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String resolved = substitute(server, field + "." + k, v == null ? "" : String.valueOf(v), s);
            if (resolved.isBlank()) {
                throw fail(server, "'" + field + "." + k + "' is empty");
            }
            out.put(String.valueOf(k), Secret.of(resolved));
        });
        return out;
    }

    private static String substitute(String server, String field, String value, Settings s) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement = s.string(variable)
                    .orElseThrow(() -> fail(server, "'" + field + "' needs ${" + variable + "}, which is not set"));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static URI url(String server, Object value) {
        try {
            URI uri = new URI(String.valueOf(value));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(String.valueOf(value), "not http(s)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw fail(server, "'url' must be an http(s) URL, got '" + value + "'");
        }
    }

    private static Duration timeout(String server, Object value) {
        if (value == null) {
            return Duration.ofSeconds(30);
        }
        if (!(value instanceof Integer seconds) || seconds < 1 || seconds > 3600) {
            throw fail(server, "'timeout_seconds' must be a whole number from 1 to 3600, got '" + value + "'");
        }
        return Duration.ofSeconds(seconds);
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static ConfigurationException fail(String server, String message) {
        return new ConfigurationException(SERVERS_KEY, "server '" + server + "': " + message);
    }
}
