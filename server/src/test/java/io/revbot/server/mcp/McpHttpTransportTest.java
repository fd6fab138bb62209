package io.revbot.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.Routes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp} as {@code serve} mounts it (the production {@link Routes} fed by {@link Components#httpServices()}):
 * absent without tokens, refusing without the right one with a JSON-RPC error body, and speaking MCP to the Java
 * SDK's own Streamable HTTP client with one.
 */
class McpHttpTransportTest {
    static final String TOKEN = "test-mcp-token-7f3a";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    final HttpClient http = HttpClient.newHttpClient();
    Components components;
    WebServer server;

    String start(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("REVBOT_HOME", home.toString());
        env.put(
                "REVBOT_KNOWLEDGE_DIR",
                Path.of("..", "knowledge_base").toAbsolutePath().toString());
        components = new Components(Config.from(Settings.of(env)), Clock.systemUTC());
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> Routes.routing(
                        r,
                        new RequestMetrics(Metrics.globalRegistry()),
                        components.credentialsFilter(),
                        components.httpServices()))
                .build()
                .start();
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (components != null) {
            components.close();
        }
    }

    HttpResponse<String> post(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

    @Test
    void withoutTokensThereIsNoMcpEndpoint() throws Exception {
        String url = start(Map.of());

        assertThat(components.httpServices()).extracting(Routes.Mount::path).doesNotContain("/mcp");
        assertThat(post(url, LIST, "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMissingOrWrongTokenIsA401WithAJsonRpcError() throws Exception {
        String url = start(Map.of("REVBOT_MCP_TOKENS", "desktop:" + TOKEN));

        for (HttpResponse<String> refused : List.of(
                post(url, LIST, "Content-Type", "application/json"),
                post(url, LIST, "Content-Type", "application/json", "Authorization", "Bearer wrong-" + TOKEN),
                post(url, LIST, "Content-Type", "application/json", "Authorization", TOKEN))) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"revbot-mcp\"");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(body.has("id") && body.get("id").isNull()).isTrue();
            assertThat(body.at("/error/code").asInt()).isEqualTo(-32001);
            assertThat(body.at("/error/message").asText()).startsWith("Unauthorized");
        }
    }

    @Test
    void withATokenEachHttpMistakeHasItsStatusAndAJsonRpcError() throws Exception {
        String url = start(Map.of("REVBOT_MCP_TOKENS", "desktop:" + TOKEN));
        String auth = "Bearer " + TOKEN;

        HttpResponse<String> browser = post(
                url, LIST, "Content-Type", "application/json", "Authorization", auth, "Origin", "https://evil.example");
        assertThat(browser.statusCode()).isEqualTo(403);
        HttpResponse<String> text = post(url, LIST, "Content-Type", "text/plain", "Authorization", auth);
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> large = post(
                url,
                "{\"x\":\"" + "a".repeat(1_100_000) + "\"}",
                "Content-Type",
                "application/json",
                "Authorization",
                auth);
        assertThat(large.statusCode()).isEqualTo(413);
        HttpResponse<String> garbage = post(url, "not json", "Content-Type", "application/json", "Authorization", auth);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).at("/error/code").asInt()).isEqualTo(-32700);
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", auth)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> notification = post(
                url,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "Content-Type",
                "application/json",
                "Authorization",
                auth);
        assertThat(notification.statusCode()).isEqualTo(202);
        assertThat(notification.body()).isEmpty();
    }

    @Test
    void theJavaSdksClientListsTheReadOnlyToolsOverHttp() {
        String url = start(Map.of("REVBOT_MCP_TOKENS", "desktop:" + TOKEN));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        url.substring(0, url.length() - "/mcp".length()))
                .endpoint("/mcp")
                .jsonMapper(McpJson.MAPPER)
                .httpRequestCustomizer(
                        (builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + TOKEN))
                .build();
        try (McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .jsonSchemaValidator(McpJson.VALIDATOR)
                .build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("revbot");
            assertThat(init.instructions()).contains("deal reviews");

            List<String> tools = client.listTools().tools().stream()
                    .map(McpSchema.Tool::name)
                    .toList();
            assertThat(tools).containsExactlyElementsOf(McpToolCatalog.EXPOSED.subList(0, 17));
            assertThat(tools).noneMatch(t -> t.startsWith("propose_"));
            assertThat(client.listResources().resources())
                    .extracting(McpSchema.Resource::uri)
                    .contains(KnowledgeResources.PREFIX + "business_logic/churn_risk.md");
        }
    }
}
