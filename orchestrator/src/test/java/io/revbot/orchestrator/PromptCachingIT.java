package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.AgentName;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.models.CachePlan;
import io.revbot.orchestrator.models.CachePoint;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.orchestrator.testing.FakeMessages;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.tools.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Cache points on the requests actually sent, through the real clients: a three-question conversation through
 * langchain4j-bedrock and the AWS SDK against a fake Converse endpoint that simulates Bedrock's prompt cache, and
 * through LangChain4j's Anthropic client against a fake Messages endpoint.
 */
class PromptCachingIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    /** A long answer, as deal reviews are: about 800 tokens. */
    static final String LONG =
            "The Vertex deal is at Negotiation with a 38% evidence-adjusted probability. ".repeat(43);

    final MockWebServer server = new MockWebServer();
    final Agents agents = AgentLoader.fromDirectory(Path.of("..", "agents"));
    final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void onBedrockFollowUpsReadTheEarlierConversationFromTheCacheAndPayOnlyForTheNewQuestion() {
        FakeConverse converse = new FakeConverse().simulatePromptCache(1_024);
        server.setDispatcher(converse);
        converse.on(
                MANAGER,
                List.of(
                        FakeConverse.text("Q1: " + LONG),
                        converse.toolUse("ask_deal_analysis", "{\"request\":\"Review Vertex\",\"reason\":\"review\"}"),
                        FakeConverse.text("Q2: " + LONG),
                        FakeConverse.text("Q3: " + LONG)));
        converse.on(DEAL, List.of(FakeConverse.text("Deal review: probability 38%.")));
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
                .build()) {
            ManagerLoop loop = ManagerLoop.builder()
                    .agents(() -> agents)
                    .model(ChatModels.bedrock(client, SONNET))
                    .tools(ToolRegistry.of(List.of(new FakeTools())))
                    .build();
            SessionId session = SessionId.random("it");
            for (String q : List.of("How is pipeline?", "And the Vertex deal?", "What should I do next?")) {
                loop.run(Request.of(q, session, Channel.CLI, new Principal.LocalUser("it"), Instant.now()), events);
            }
        }

        List<FakeConverse.Received> received = converse.received();
        assertThat(received)
                .extracting(FakeConverse.Received::agent)
                .containsExactly(MANAGER, MANAGER, DEAL, MANAGER, MANAGER);
        JsonNode first = received.get(0).body();
        JsonNode second = received.get(1).body();
        JsonNode secondAfterDelegating = received.get(3).body();
        JsonNode third = received.get(4).body();

        assertThat(cachePointsInSystem(first)).isEqualTo(1);
        assertThat(messagesWithCachePoint(first)).isEmpty();

        assertThat(messagesWithCachePoint(second))
                .as("after the first exchange's answer")
                .containsExactly(1);
        assertThat(afterLastCachePoint(second)).startsWith("<run_context>").endsWith("And the Vertex deal?");
        assertThat(messagesWithCachePoint(secondAfterDelegating))
                .as("the later turn keeps its point after the history, not after the tool traffic")
                .containsExactly(1);

        assertThat(messagesWithCachePoint(third)).as("after the new history").containsExactly(3);
        assertThat(afterLastCachePoint(third)).startsWith("<run_context>").endsWith("What should I do next?");

        JsonNode thirdUsage = received.get(4).usage();
        long uncached = thirdUsage.path("inputTokens").asLong();
        long read = thirdUsage.path("cacheReadInputTokens").asLong();
        long sent = uncached + read + thirdUsage.path("cacheWriteInputTokens").asLong();
        long openingTokens =
                (third.path("messages").get(4).path("content").get(0).toString().length() + 3) / 4;
        assertThat(uncached)
                .as("only the new question and its run context are uncached")
                .isEqualTo(openingTokens);
        long earlierHistory =
                received.get(1).usage().path("cacheReadInputTokens").asLong()
                        + received.get(1).usage().path("cacheWriteInputTokens").asLong();
        assertThat(read)
                .as("the history the second question cached is read back (the provider looks back from the point)")
                .isEqualTo(earlierHistory);
        assertThat(received.get(3).usage().path("cacheReadInputTokens").asLong())
                .as("the manager's second turn reads the history its first turn wrote")
                .isEqualTo(received.get(1).usage().path("cacheWriteInputTokens").asLong()
                        + received.get(1).usage().path("cacheReadInputTokens").asLong());
        assertThat((double) read / sent)
                .as("share read from the cache on the third question")
                .isGreaterThan(0.5);

        List<RunEvent.ModelCalled> calls = events.of(RunEvent.ModelCalled.class);
        assertThat(calls).hasSize(received.size());
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).cache().placed())
                    .as("the reported plan is the one sent, call %d", i)
                    .hasSize(cachePointsInSystem(received.get(i).body())
                            + messagesWithCachePoint(received.get(i).body()).size());
        }
        assertThat(calls.get(4).cache().placed())
                .extracting(CachePoint::after)
                .containsExactly(CachePoint.Position.TOOLS_AND_SYSTEM, CachePoint.Position.HISTORY);
        RunEvent.ModelCalled deal = calls.get(2);
        assertThat(deal.agent()).isEqualTo(AgentName.DEAL_ANALYSIS);
        CachePlan dealPlan = deal.cache();
        assertThat(dealPlan.placed().size() + dealPlan.skipped().size())
                .as("the specialist's system point is placed or skipped, never forgotten")
                .isEqualTo(1);
        dealPlan.skipped().forEach(p -> assertThat(p.reason()).contains("below the minimum"));
        assertThat(result(events).usage().total())
                .as("every kind counts in the run's usage")
                .isEqualTo(sumOfReported(received.subList(4, 5)));
    }

    @Test
    void onAnthropicTheSamePointsAreMarkedWithCacheControl() {
        FakeMessages messages = new FakeMessages();
        server.setDispatcher(messages);
        messages.on(
                MANAGER,
                List.of(
                        FakeMessages.text("Q1: " + LONG),
                        messages.toolUse("ask_deal_analysis", "{\"request\":\"Review Vertex\"}"),
                        FakeMessages.text("Q2: " + LONG),
                        FakeMessages.text("Q3: " + LONG)));
        messages.on(DEAL, List.of(FakeMessages.text("Deal review: probability 38%.")));
        ModelProviderSettings settings = new ModelProviderSettings(
                ModelProviderSettings.Provider.ANTHROPIC,
                Optional.of("claude-sonnet-4-5"),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Secret.of("sk-ant-test")),
                Optional.of(URI.create("http://127.0.0.1:" + server.getPort() + "/v1/")),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(30));
        ManagerLoop loop = ManagerLoop.builder()
                .agents(() -> agents)
                .model(ChatModels.create(settings))
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .build();
        SessionId session = SessionId.random("it");
        for (String q : List.of("How is pipeline?", "And the Vertex deal?", "What should I do next?")) {
            loop.run(Request.of(q, session, Channel.CLI, new Principal.LocalUser("it"), Instant.now()), events);
        }

        List<FakeMessages.Received> received = messages.received();
        assertThat(received)
                .extracting(FakeMessages.Received::agent)
                .containsExactly(MANAGER, MANAGER, DEAL, MANAGER, MANAGER);
        assertThat(received.get(0).path()).isEqualTo("/v1/messages");
        assertThat(received.get(0).apiKey()).isEqualTo("sk-ant-test");
        JsonNode first = received.get(0).body();
        JsonNode system = first.path("system");
        assertThat(system.get(system.size() - 1)
                        .path("cache_control")
                        .path("type")
                        .asText())
                .as("the system prompt's last block caches the tools and the instructions")
                .isEqualTo("ephemeral");
        first.path("tools").forEach(t -> assertThat(t.has("cache_control")).isFalse());
        assertThat(markedMessages(first)).isEmpty();
        assertThat(markedMessages(received.get(1).body())).containsExactly(1);
        assertThat(markedMessages(received.get(3).body())).containsExactly(1);
        JsonNode third = received.get(4).body();
        assertThat(markedMessages(third)).containsExactly(3);
        assertThat(third.path("messages").get(3).path("role").asText()).isEqualTo("assistant");
        assertThat(third.path("messages")
                        .get(4)
                        .path("content")
                        .get(0)
                        .path("text")
                        .asText())
                .startsWith("<run_context>")
                .endsWith("What should I do next?");

        RunEvent.ModelCalled call = events.of(RunEvent.ModelCalled.class).get(0);
        assertThat(call.usage()).isEqualTo(new TokenUsage(40, 30, 1_500, 200));
        assertThat(call.cache().has(CachePoint.Position.TOOLS_AND_SYSTEM)).isTrue();
    }

    static RunResult result(RecordingListener events) {
        List<RunEvent.RunSucceeded> done = events.of(RunEvent.RunSucceeded.class);
        return done.get(done.size() - 1).result();
    }

    static long sumOfReported(List<FakeConverse.Received> received) {
        long sum = 0;
        for (FakeConverse.Received r : received) {
            sum += r.usage().path("totalTokens").asLong();
        }
        return sum;
    }

    static int cachePointsInSystem(JsonNode request) {
        int n = 0;
        for (JsonNode block : request.path("system")) {
            n += block.has("cachePoint") ? 1 : 0;
        }
        return n;
    }

    /** Indexes of the messages whose content holds a cache point (always as their last block). */
    static List<Integer> messagesWithCachePoint(JsonNode request) {
        List<Integer> indexes = new ArrayList<>();
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            for (int j = 0; j < content.size(); j++) {
                if (content.get(j).has("cachePoint")) {
                    assertThat(j).as("the cache point ends its message").isEqualTo(content.size() - 1);
                    indexes.add(i);
                }
            }
        }
        return indexes;
    }

    /** The text of every block after the request's last cache point: what is sent uncached. */
    static String afterLastCachePoint(JsonNode request) {
        StringBuilder after = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (block.has("cachePoint")) {
                    after.setLength(0);
                } else {
                    after.append(block.path("text").asText(block.toString()));
                }
            }
        }
        return after.toString();
    }

    static List<Integer> markedMessages(JsonNode request) {
        List<Integer> indexes = new ArrayList<>();
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            for (JsonNode block : messages.get(i).path("content")) {
                if (block.path("cache_control").path("type").asText().equals("ephemeral")) {
                    indexes.add(i);
                }
            }
        }
        return indexes;
    }
}
