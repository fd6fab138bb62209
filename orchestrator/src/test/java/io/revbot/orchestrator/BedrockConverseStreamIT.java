package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.AgentName;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.orchestrator.testing.RecordingListener;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Streaming through the real langchain4j-bedrock streaming model and the AWS SDK's async client (Netty, HTTP/1.1)
 * against the fake's ConverseStream endpoint: AWS event-stream frames with CRC32, text deltas written with pauses.
 */
class BedrockConverseStreamIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final String ANSWER = "*Vertex Analytics*\n" + "The deal review found the champion engaged and the budget "
            + "approved; the paper process is the open risk. ".repeat(6);

    final MockWebServer server = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    BedrockRuntimeClient client;
    BedrockRuntimeAsyncClient asyncClient;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(converse);
        server.start(InetAddress.getLoopbackAddress(), 0);
        URI endpoint = URI.create("http://127.0.0.1:" + server.getPort());
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret"));
        client = BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        asyncClient = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        asyncClient.close();
        server.close();
    }

    @Test
    void textArrivesDeltaByDeltaWhileTheFakeIsStillWriting() throws Exception {
        converse.streaming(20, Duration.ofMillis(100)); // 10 deltas over a second
        converse.on("<unknown agent>", List.of(FakeConverse.text("x".repeat(200))));
        StreamingChatModel model = ChatModels.bedrockStreaming(asyncClient, "test-model");
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        long start = System.nanoTime();

        model.chat(
                ChatRequest.builder().messages(UserMessage.from("hello")).build(), new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        arrivals.add((System.nanoTime() - start) / 1_000_000);
                        synchronized (text) {
                            text.append(partial);
                        }
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        ChatResponse response = done.get(20, TimeUnit.SECONDS);
        long end = (System.nanoTime() - start) / 1_000_000;

        assertThat(text.toString()).isEqualTo("x".repeat(200));
        assertThat(response.aiMessage().text()).isEqualTo("x".repeat(200));
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(120);
        assertThat(arrivals).hasSize(10);
        assertThat(end - arrivals.get(0)).as("first delta well before the end").isGreaterThan(600);
        assertThat(CachePlan.of(response)).isNotNull();
        FakeConverse.Received received = converse.received().get(0);
        assertThat(received.path()).isEqualTo("/model/test-model/converse-stream");
        assertThat(received.authorization()).startsWith("AWS4-HMAC-SHA256");
    }

    @Test
    void aPassedThroughAnswerStreamsThroughTheSupervisorWhileToolTurnsStayWhole() {
        Agents agents = AgentLoader.fromDirectory(Path.of("..", "agents"));
        converse.streaming(30, Duration.ofMillis(60));
        converse.on(
                MANAGER,
                List.of(converse.toolUse(
                        "ask_deal_analysis",
                        "{\"request\":\"Review Vertex Analytics - Platform Migration\",\"reason\":\"a deal review\","
                                + "\"pass_through\":true}")));
        converse.on(
                DEAL,
                List.of(
                        converse.toolUse("deal_review", "{\"opportunity\":\"Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.text(ANSWER)));
        RecordingListener events = new RecordingListener();

        RunResult result = ManagerLoop.builder()
                .agents(() -> agents)
                .model(ChatModels.bedrock(client, "test-model"))
                .streamingModel(ChatModels.bedrockStreaming(asyncClient, "test-model"))
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .grounding(io.revbot.orchestrator.grounding.GroundingPolicy.OFF)
                .build()
                .run(
                        Request.of(
                                "How is the Vertex deal?",
                                SessionId.random("it"),
                                Channel.CLI,
                                new Principal.LocalUser("it"),
                                Instant.now()),
                        events);

        assertThat(result.answer()).isEqualTo(ANSWER);
        List<RunEvent.AnswerDelta> deltas = events.of(RunEvent.AnswerDelta.class);
        assertThat(deltas.size()).isGreaterThan(5);
        assertThat(deltas.stream().map(RunEvent.AnswerDelta::text).collect(Collectors.joining()))
                .isEqualTo(ANSWER);
        assertThat(deltas).extracting(RunEvent.AnswerDelta::writer).containsOnly(AgentName.DEAL_ANALYSIS);
        assertThat(converse.received())
                .as("the manager and the pass-through specialist stream; every call is answered")
                .allMatch(FakeConverse::streamed)
                .hasSize(3);
        List<RunEvent.ModelCalled> calls = events.of(RunEvent.ModelCalled.class);
        assertThat(calls).hasSize(3);
        assertThat(result.usage().input()).isEqualTo(360);
        events.assertWellFormed();
    }
}
