package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.AgentName;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.testing.FakeChatCompletions;
import io.revbot.orchestrator.testing.FakeMessages;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.tools.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answer streamed through LangChain4j's Anthropic and OpenAI streaming clients against fakes of their server-sent
 * events: the manager's tool turn and its answer go through the streaming model, the specialist it asks stays
 * blocking, cache points and token usage are kept for the streamed calls.
 */
class ProviderStreamingIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final String ANSWER = "*Vertex Analytics*\nThe champion is engaged and the budget approved. "
            + "Paper process is the open risk; ask legal for the redlines this week.";

    final MockWebServer server = new MockWebServer();
    final RecordingListener events = new RecordingListener();
    final Agents agents = AgentLoader.fromDirectory(Path.of("..", "agents"));

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ModelProviderSettings settings(ModelProviderSettings.Provider provider, String model) {
        URI base = URI.create("http://127.0.0.1:" + server.getPort() + "/v1/");
        return new ModelProviderSettings(
                provider,
                Optional.of(model),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Secret.of("sk-ant-test")),
                Optional.of(base),
                Optional.of(Secret.of("sk-openai-test")),
                Optional.of(base),
                Duration.ofSeconds(30));
    }

    RunResult ask(ModelProviderSettings settings) {
        return ManagerLoop.builder()
                .agents(() -> agents)
                .model(ChatModels.create(settings))
                .streamingModel(ChatModels.createStreaming(settings))
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .grounding(GroundingPolicy.OFF)
                .build()
                .run(
                        Request.of(
                                "How is the Vertex deal?",
                                SessionId.random("it"),
                                Channel.CLI,
                                new Principal.LocalUser("it"),
                                Instant.now()),
                        events);
    }

    String draft() {
        return events.of(RunEvent.AnswerDelta.class).stream()
                .map(RunEvent.AnswerDelta::text)
                .collect(Collectors.joining());
    }

    void assertStreamedOverTime() {
        List<RunEvent.AnswerDelta> deltas = events.of(RunEvent.AnswerDelta.class);
        assertThat(deltas.size()).isGreaterThan(4);
        assertThat(deltas).extracting(RunEvent.AnswerDelta::writer).containsOnly(AgentName.MANAGER);
        assertThat(Duration.between(
                        deltas.get(0).at(), deltas.get(deltas.size() - 1).at()))
                .as("the text arrived while the fake was writing")
                .isGreaterThan(Duration.ofMillis(200));
        assertThat(draft()).isEqualTo(ANSWER);
    }

    @Test
    void anthropicStreamsTheManagersAnswerWithItsCachePointsAndUsage() {
        FakeMessages messages = new FakeMessages().streaming(12, Duration.ofMillis(40));
        server.setDispatcher(messages);
        messages.on(
                MANAGER,
                List.of(
                        messages.toolUse("ask_deal_analysis", "{\"request\":\"Review Vertex\"}"),
                        FakeMessages.text(ANSWER)));
        messages.on(DEAL, List.of(FakeMessages.text("Deal review: engaged champion, budget approved.")));

        RunResult result = ask(settings(ModelProviderSettings.Provider.ANTHROPIC, "claude-sonnet-4-5"));

        assertThat(result.answer()).isEqualTo(ANSWER);
        assertStreamedOverTime();
        List<FakeMessages.Received> received = messages.received();
        assertThat(received).extracting(FakeMessages.Received::agent).containsExactly(MANAGER, DEAL, MANAGER);
        assertThat(received)
                .extracting(r -> r.body().path("stream").asBoolean(false))
                .as("the manager's calls stream, the delegated specialist's does not")
                .containsExactly(true, false, true);
        JsonNode system = received.get(0).body().path("system");
        assertThat(system.get(system.size() - 1)
                        .path("cache_control")
                        .path("type")
                        .asText())
                .as("a streamed call keeps its cache points")
                .isEqualTo("ephemeral");
        List<RunEvent.ModelCalled> calls = events.of(RunEvent.ModelCalled.class);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(2).usage()).isEqualTo(new TokenUsage(40, 30, 1_500, 200));
        assertThat(result.usage().cacheRead()).isEqualTo(3 * 1_500);
        assertThat(result.toolCalls()).isZero();
        events.assertWellFormed();
    }

    @Test
    void anOpenAiCompatibleServerStreamsTheManagersAnswerWithItsUsage() {
        FakeChatCompletions completions = new FakeChatCompletions().streaming(12, Duration.ofMillis(40));
        server.setDispatcher(completions);
        completions.reply(
                FakeChatCompletions.Reply.toolCall("ask_deal_analysis", "{\"request\":\"Review Vertex\"}"),
                FakeChatCompletions.Reply.text("Deal review: engaged champion, budget approved."),
                FakeChatCompletions.Reply.text(ANSWER));

        RunResult result = ask(settings(ModelProviderSettings.Provider.OPENAI, "llama3.1"));

        assertThat(result.answer()).isEqualTo(ANSWER);
        assertStreamedOverTime();
        assertThat(completions.received())
                .extracting(r -> r.path("stream").asBoolean(false))
                .containsExactly(true, false, true);
        assertThat(result.agentsUsed()).containsExactly(AgentName.DEAL_ANALYSIS);
        List<RunEvent.ModelCalled> calls = events.of(RunEvent.ModelCalled.class);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(2).usage())
                .as("cached prompt tokens are moved out of the input")
                .isEqualTo(new TokenUsage(40, 20, 10, 0));
        events.assertWellFormed();
    }
}
