package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.AgentName;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.orchestrator.testing.RecordingListener;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The supervisor through the real langchain4j-bedrock client and AWS SDK against a fake Converse endpoint on
 * localhost: the manager delegates, the specialist calls a tool, the answer quotes the tool's result. Asserts on
 * what Bedrock would have received.
 */
class BedrockConverseIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    BedrockRuntimeClient client;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(converse);
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = BedrockRuntimeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void managerDelegatesSpecialistCallsAToolAndTheAnswerQuotesIt() {
        Agents agents = AgentLoader.fromDirectory(Path.of("..", "agents"));
        converse.on(
                MANAGER,
                List.of(
                        converse.toolUse(
                                "ask_deal_analysis",
                                "{\"request\":\"Review Vertex Analytics - Platform Migration\","
                                        + "\"reason\":\"a deal review\"}"),
                        FakeConverse.textFrom(r -> "Vertex, per deal analysis: " + FakeConverse.lastToolResult(r))));
        converse.on(
                DEAL,
                List.of(
                        converse.toolUse("deal_review", "{\"opportunity\":\"Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.textFrom(r -> "Deal review says: " + FakeConverse.lastToolResult(r))));
        RecordingListener events = new RecordingListener();

        RunResult result = ManagerLoop.builder()
                .agents(() -> agents)
                .model(ChatModels.bedrock(client, "test-model"))
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .build()
                .run(
                        Request.of(
                                "How is the Vertex deal?",
                                SessionId.random("it"),
                                Channel.CLI,
                                new Principal.LocalUser("it"),
                                java.time.Instant.now()),
                        events);

        assertThat(result.answer())
                .startsWith("Vertex, per deal analysis: Deal review says: ")
                .contains("\"probability\":38");
        assertThat(result.routing()).isEqualTo(Routing.DELEGATED);
        assertThat(result.agentsUsed()).containsExactly(AgentName.DEAL_ANALYSIS);
        assertThat(result.usage().input()).isEqualTo(4 * 120);
        events.assertWellFormed();

        List<FakeConverse.Received> received = converse.received();
        assertThat(received).extracting(FakeConverse.Received::agent).containsExactly(MANAGER, DEAL, DEAL, MANAGER);
        for (FakeConverse.Received r : received) {
            assertThat(r.path()).isEqualTo("/model/test-model/converse");
            assertThat(r.authorization())
                    .startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                    .contains("/us-east-1/bedrock/aws4_request")
                    .contains("SignedHeaders=")
                    .contains("Signature=");
        }
        JsonNode managerFirst = received.get(0).body();
        assertThat(managerFirst.path("system").get(0).path("text").asText())
                .isEqualTo(agents.manager().instructions());
        assertThat(managerFirst.path("system").toString())
                .as("cache point after the system prompt")
                .contains("cachePoint");
        assertThat(toolNames(managerFirst))
                .contains("ask_deal_analysis", "ask_data", "ask_web_search", "knowledge_search");
        assertThat(toolSchema(managerFirst, "ask_deal_analysis")
                        .path("properties")
                        .has("request"))
                .isTrue();
        assertThat(managerFirst
                        .path("messages")
                        .get(0)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .startsWith("<run_context>")
                .endsWith("How is the Vertex deal?");

        JsonNode dealFirst = received.get(1).body();
        assertThat(dealFirst.path("system").get(0).path("text").asText())
                .isEqualTo(agents.get(AgentName.DEAL_ANALYSIS).instructions());
        assertThat(toolNames(dealFirst)).containsExactly("deal_review", "knowledge_search");
        assertThat(toolSchema(dealFirst, "deal_review").path("properties").has("opportunity"))
                .as("real parameter names reach the model")
                .isTrue();

        assertToolUsesPaired(received.get(2).body());
        assertToolUsesPaired(received.get(3).body());
    }

    static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("toolConfig").path("tools").forEach(t -> {
            if (t.has("toolSpec")) {
                names.add(t.path("toolSpec").path("name").asText());
            }
        });
        return names;
    }

    static JsonNode toolSchema(JsonNode request, String name) {
        for (JsonNode t : request.path("toolConfig").path("tools")) {
            if (t.path("toolSpec").path("name").asText().equals(name)) {
                return t.path("toolSpec").path("inputSchema").path("json");
            }
        }
        throw new AssertionError("no tool " + name);
    }

    /** Every assistant toolUse is answered by a toolResult with the same id in the next (user) message. */
    static void assertToolUsesPaired(JsonNode request) {
        JsonNode messages = request.path("messages");
        int uses = 0;
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode block : messages.get(i).path("content")) {
                if (block.has("toolUse")) {
                    uses++;
                    String id = block.path("toolUse").path("toolUseId").asText();
                    JsonNode next = messages.get(i + 1);
                    assertThat(next.path("role").asText()).isEqualTo("user");
                    List<String> resultIds = new ArrayList<>();
                    next.path("content")
                            .forEach(c -> resultIds.add(
                                    c.path("toolResult").path("toolUseId").asText()));
                    assertThat(resultIds).contains(id);
                }
            }
        }
        assertThat(uses).as("the request carries the earlier tool use").isPositive();
    }
}
