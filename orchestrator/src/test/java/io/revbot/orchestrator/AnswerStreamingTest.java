package io.revbot.orchestrator;

import static io.revbot.orchestrator.ManagerLoopTest.DATA;
import static io.revbot.orchestrator.ManagerLoopTest.DEAL;
import static io.revbot.orchestrator.ManagerLoopTest.MANAGER;
import static io.revbot.orchestrator.ManagerLoopTest.question;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ScriptedChatModel.Reply;
import io.revbot.orchestrator.testing.ScriptedStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnswerStreamingTest {
    static final String ANSWER = "Orion Health is at risk.\nThe champion left in October and no call is booked.\n"
            + "Next step: book a call with the new VP this week.";

    final ScriptedChatModel model = new ScriptedChatModel();
    final ScriptedStreamingChatModel streaming = new ScriptedStreamingChatModel(model, 12, Duration.ofMillis(2));
    final RecordingListener events = new RecordingListener();

    ManagerLoop.Builder loop() {
        return ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .streamingModel(streaming)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .grounding(GroundingPolicy.OFF);
    }

    String draft() {
        return events.of(RunEvent.AnswerDelta.class).stream()
                .map(RunEvent.AnswerDelta::text)
                .collect(Collectors.joining());
    }

    @Test
    void theManagersAnswerArrivesInFragmentsBeforeItIsProducedWhileItsToolTurnIsNotShown() {
        model.on(
                MANAGER,
                Reply.from(r -> AiMessage.from(
                        "I'll check the knowledge base first.",
                        List.of(ToolExecutionRequest.builder()
                                .id("call-1")
                                .name("knowledge_search")
                                .arguments("{\"query\":\"Orion\"}")
                                .build()))),
                text(ANSWER));

        RunResult result = loop().build().run(question("How is Orion?"), events);

        assertThat(result.answer()).isEqualTo(ANSWER);
        List<RunEvent.AnswerDelta> deltas = events.of(RunEvent.AnswerDelta.class);
        assertThat(deltas.size()).as("streamed in pieces").isGreaterThan(3);
        assertThat(draft()).as("the tool turn's line is not part of the answer").isEqualTo(ANSWER);
        assertThat(deltas).extracting(RunEvent.AnswerDelta::writer).containsOnly(AgentName.MANAGER);
        List<RunEvent> all = events.events();
        assertThat(all.indexOf(deltas.get(deltas.size() - 1)))
                .isLessThan(all.indexOf(events.of(RunEvent.AnswerProduced.class).get(0)));
        events.assertWellFormed();
    }

    @Test
    void aPassedThroughSpecialistStreamsItsAnswerAndDelegatedSpecialistsStayBlocking() {
        model.on(
                MANAGER,
                tools(call(
                        "ask_deal_analysis",
                        "{\"request\":\"Review Orion Health\",\"reason\":\"deal\",\"pass_through\":true}")));
        model.on(DEAL, tools(call("deal_review", "{\"opportunity\":\"Orion Health\"}")), text(ANSWER));

        RunResult result = loop().build().run(question("How is Orion?"), events);

        assertThat(result.routing()).isEqualTo(Routing.PASS_THROUGH);
        assertThat(draft()).isEqualTo(ANSWER);
        assertThat(events.of(RunEvent.AnswerDelta.class))
                .extracting(RunEvent.AnswerDelta::writer)
                .containsOnly(AgentName.DEAL_ANALYSIS);
        assertThat(streaming.streamedSystemPrompts())
                .filteredOn(p -> p.contains(DEAL))
                .hasSize(2);
    }

    @Test
    void specialistsWhoseAnswersGoToTheManagerAreNotStreamed() {
        model.on(
                MANAGER,
                tools(
                        call("ask_deal_analysis", "{\"request\":\"Review Orion Health\",\"pass_through\":true}"),
                        call("ask_data", "{\"request\":\"Pipeline\"}")),
                text(ANSWER));
        model.on(DEAL, text("Orion: at risk, the champion left."));
        model.on(DATA, text("Pipeline: 12 open deals."));

        loop().build().run(question("Orion and pipeline?"), events);

        assertThat(streaming.streamedSystemPrompts())
                .as("only the manager's calls stream; two delegations mean no pass-through")
                .allMatch(p -> p.contains(MANAGER))
                .hasSize(2);
        assertThat(draft()).isEqualTo(ANSWER);
    }

    @Test
    void withoutAStreamingModelTheAnswerArrivesAsOneFragment() {
        model.on(MANAGER, text(ANSWER));

        ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .grounding(GroundingPolicy.OFF)
                .build()
                .run(question("How is Orion?"), events);

        assertThat(events.of(RunEvent.AnswerDelta.class))
                .singleElement()
                .extracting(RunEvent.AnswerDelta::text)
                .isEqualTo(ANSWER);
    }

    @Test
    void aLineBeforeAToolCallIsHeldButALongAnswerIsReleasedBeforeItEnds() {
        assertThat(AnswerDraft.readsAsAnswer("I'll check the deal first.")).isFalse();
        assertThat(AnswerDraft.readsAsAnswer("I'll check the deal first.\n\n")).isFalse();
        assertThat(AnswerDraft.readsAsAnswer("*Orion*\nThe champion")).isTrue();
        assertThat(AnswerDraft.readsAsAnswer("x".repeat(AnswerDraft.RELEASE_CHARS)))
                .isTrue();
    }
}
