package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.routing.Router;
import io.revbot.orchestrator.routing.Tier;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ShippedRouting;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The router in front of the supervisor through the real langchain4j-bedrock client and AWS SDK against a fake
 * Converse endpoint: what the fast path costs in model calls, counted on what Bedrock would have received.
 */
class RouterConverseIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final String DATA = "You are RevBot's data analyst";
    static final String ROUTER = "You route questions for RevBot";

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    final RecordingListener events = new RecordingListener();
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

    RunResult ask(String question, Router router) {
        return ManagerLoop.builder()
                .agents(ShippedRouting::agents)
                .model(ChatModels.bedrock(client, "test-model"))
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .router(router)
                .build()
                .run(
                        Request.of(
                                question,
                                SessionId.random("it"),
                                Channel.CLI,
                                new Principal.LocalUser("it"),
                                Instant.now()),
                        events);
    }

    @Test
    void reviewingTheVertexDealCostsNoManagerCallAndAtMostTwoModelCalls() {
        converse.on(
                DEAL,
                List.of(
                        converse.toolUse("deal_review", "{\"opportunity\":\"Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.textFrom(r -> "Deal review says: " + FakeConverse.lastToolResult(r))));

        RunResult result = ask("Review the Vertex Analytics - Platform Migration deal", ShippedRouting.router());

        List<FakeConverse.Received> received = converse.received();
        assertThat(received).extracting(FakeConverse.Received::agent).doesNotContain(MANAGER);
        assertThat(received).hasSizeLessThanOrEqualTo(2);
        assertThat(received).extracting(FakeConverse.Received::agent).containsExactly(DEAL, DEAL);
        assertThat(result.answer()).startsWith("Deal review says: ").contains("\"probability\":38");
        assertThat(result.routing()).isEqualTo(Routing.ROUTED);
        assertThat(result.usage().input()).isEqualTo(2 * 120);
        JsonNode first = received.get(0).body();
        assertThat(BedrockConverseIT.toolNames(first)).contains("deal_review", "hand_back");
        BedrockConverseIT.assertToolUsesPaired(received.get(1).body());
        events.assertWellFormed();
    }

    @Test
    void aGreetingAskingWhatRevBotCanDoCostsNoModelCallAtAll() {
        RunResult result = ask("Hi RevBot, what can you do?", ShippedRouting.router());

        assertThat(converse.received()).isEmpty();
        assertThat(result.answer()).contains("Deal analysis", "Lead analysis", "Web search");
        assertThat(result.usage().total()).isZero();
        events.assertWellFormed();
    }

    @Test
    void theRoutingModelIsOneConstrainedCallUnderItsOwnModelIdAndIsRecordedAsTheRoutersInvocation() {
        converse.on(ROUTER, List.of(converse.toolUse("route", "{\"agent\":\"data\"}")));
        converse.on(DATA, List.of(FakeConverse.text("Northwind Logistics leads churn risk.")));
        Router withModel = Router.create(
                ShippedRouting.miniLm(),
                Optional.of(new Router.ModelTierModel(ChatModels.bedrock(client, "test-model"), "small-router")),
                Optional.empty());

        // Thresholds no probability reaches: the embedding tier is never sure, so the model tier decides.
        RunResult result = ManagerLoop.builder()
                .agents(io.revbot.orchestrator.routing.RouterTestAgents::neverSure)
                .model(ChatModels.bedrock(client, "test-model"))
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .router(withModel)
                .build()
                .run(
                        Request.of(
                                "Which customers are most at risk of churning?",
                                SessionId.random("it"),
                                Channel.CLI,
                                new Principal.LocalUser("it"),
                                Instant.now()),
                        events);

        List<FakeConverse.Received> received = converse.received();
        assertThat(received).extracting(FakeConverse.Received::agent).containsExactly(ROUTER, DATA);
        assertThat(received.get(0).path()).isEqualTo("/model/small-router/converse");
        assertThat(received.get(0).body().path("toolConfig").path("toolChoice").has("any"))
                .isTrue();
        assertThat(received.get(1).path()).isEqualTo("/model/test-model/converse");
        assertThat(result.answer()).isEqualTo("Northwind Logistics leads churn risk.");
        RunEvent.RouteDecided decided = events.of(RunEvent.RouteDecided.class).get(0);
        assertThat(decided.decision().tier()).isEqualTo(Tier.MODEL);
        assertThat(events.of(RunEvent.InvocationStarted.class).get(0).agent()).isEqualTo(AgentName.ROUTER);
        assertThat(events.of(RunEvent.ModelCalled.class).get(0).agent()).isEqualTo(AgentName.ROUTER);
        assertThat(result.usage().input())
                .as("the routing call counts in the run's tokens")
                .isEqualTo(2 * 120);
        events.assertWellFormed();
    }
}
