package io.revbot.orchestrator;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.routing.Tier;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ScriptedChatModel.Reply;
import io.revbot.orchestrator.testing.ScriptedStreamingChatModel;
import io.revbot.orchestrator.testing.ShippedRouting;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router in front of the manager, on the shipped agents and router, with a scripted model. */
class FastPathTest {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final String DATA = "You are RevBot's data analyst";
    static final String EXECUTION = "You are RevBot's execution agent";
    static final Instant NOW = Instant.parse("2026-11-24T07:00:00Z");

    final ScriptedChatModel model = new ScriptedChatModel();
    final RecordingListener events = new RecordingListener();

    ManagerLoop loop() {
        return ManagerLoop.builder()
                .agents(ShippedRouting::agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .router(ShippedRouting.router())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sleeper(d -> {})
                .build();
    }

    static Request question(String text) {
        return Request.of(text, SessionId.random("test"), Channel.SLACK, new Principal.SlackUser("T1", "U123"), NOW);
    }

    @Test
    void aGreetingIsAnsweredFromTheTemplateWithoutAnyModelCall() {
        RunResult result = loop().run(question("Hi RevBot, what can you do?"), events);

        assertThat(model.requests()).isEmpty();
        assertThat(result.routing()).isEqualTo(Routing.DIRECT);
        assertThat(result.answer()).contains("**Deal analysis**");
        assertThat(result.usage()).isEqualTo(TokenUsage.ZERO);
        assertThat(events.events())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("RunStarted", "RouteDecided", "Routed", "AnswerProduced", "RunSucceeded");
        assertThat(events.of(RunEvent.AnswerProduced.class).get(0).author()).isEqualTo(AgentName.ROUTER);
        events.assertWellFormed();
    }

    @Test
    void aClearDealQuestionRunsTheDealAnalystDirectlyAndItsAnswerIsTheAnswer() {
        model.on(
                DEAL,
                tools(call("deal_review", "{\"opportunity\":\"Vertex Analytics - Platform Migration\"}")),
                text("Vertex: probability 38 %, MEDDPICC 41."));

        RunResult result = loop().run(question("Review the Vertex Analytics - Platform Migration deal"), events);

        assertThat(result.answer()).isEqualTo("Vertex: probability 38 %, MEDDPICC 41.");
        assertThat(result.routing()).isEqualTo(Routing.ROUTED);
        assertThat(result.agentsUsed()).containsExactly(AgentName.DEAL_ANALYSIS);
        assertThat(model.requestsOf(MANAGER)).isEmpty();
        assertThat(model.requests()).hasSize(2);
        ChatRequest first = model.requestsOf(DEAL).get(0);
        assertThat(((UserMessage) first.messages().get(1)).singleText())
                .startsWith("<run_context>")
                .endsWith("Review the Vertex Analytics - Platform Migration deal");
        assertThat(first.toolSpecifications())
                .extracting(ToolSpecification::name)
                .contains("deal_review", "hand_back");
        RunEvent.RouteDecided decided = events.of(RunEvent.RouteDecided.class).get(0);
        assertThat(decided.decision().tier()).isEqualTo(Tier.EMBEDDING);
        assertThat(decided.decision().agents()).containsExactly(AgentName.DEAL_ANALYSIS);
        RunEvent.InvocationStarted started =
                events.of(RunEvent.InvocationStarted.class).get(0);
        assertThat(started.agent()).isEqualTo(AgentName.DEAL_ANALYSIS);
        assertThat(started.requestedBy()).isEqualTo(AgentName.ROUTER);
        assertThat(events.events().indexOf(decided)).isLessThan(events.events().indexOf(started));
        assertThat(events.of(RunEvent.Routed.class).get(0).routing()).isEqualTo(Routing.ROUTED);
        events.assertWellFormed();
    }

    @Test
    void aSpecialistThatHandsTheQuestionBackStopsAtOnceAndTheManagerTakesOverWithANote() {
        model.on(DEAL, tools(call("hand_back", "{\"reason\":\"this is about churn across customers\"}")));
        model.on(MANAGER, text("Here is what I found."));

        RunResult result = loop().run(question("Review the Vertex Analytics - Platform Migration deal"), events);

        assertThat(result.answer()).isEqualTo("Here is what I found.");
        assertThat(result.routing()).isEqualTo(Routing.DIRECT);
        assertThat(model.requestsOf(DEAL))
                .as("the hand-back returns without another model call")
                .hasSize(1);
        String managerInput =
                ((UserMessage) model.requestsOf(MANAGER).get(0).messages().get(1)).singleText();
        assertThat(managerInput)
                .contains("Review the Vertex Analytics - Platform Migration deal")
                .contains("<routing_note>Deal analysis was asked first and handed the question back: this is about"
                        + " churn across customers</routing_note>");
        RunEvent.InvocationFinished handedBack =
                events.of(RunEvent.InvocationFinished.class).get(0);
        assertThat(handedBack.agent()).isEqualTo(AgentName.DEAL_ANALYSIS);
        assertThat(handedBack.outcome()).isEqualTo(RunEvent.AgentOutcome.HANDED_BACK);
        assertThat(events.of(RunEvent.ToolStarted.class))
                .extracting(RunEvent.ToolStarted::tool)
                .contains("hand_back");
        assertThat(model.requestsOf(MANAGER).get(0).toolSpecifications())
                .extracting(ToolSpecification::name)
                .doesNotContain("hand_back");
        events.assertWellFormed();
    }

    @Test
    void aRoutedSpecialistsAnswerStreamsAndAHandBackLineDoesNot() {
        String answer = "*Vertex*\nProbability 38 %, MEDDPICC 41: the champion left in October.";
        model.on(
                DEAL,
                Reply.from(r -> dev.langchain4j.data.message.AiMessage.from(
                        "Let me hand this over.",
                        List.of(dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                                .id("c1")
                                .name("hand_back")
                                .arguments("{\"reason\":\"about churn\"}")
                                .build()))));
        model.on(MANAGER, text("Churn is concentrated in SMB."));
        model.on(DEAL, tools(call("deal_review", "{\"opportunity\":\"Vertex\"}")), text(answer));
        ScriptedStreamingChatModel streaming = new ScriptedStreamingChatModel(model, 8, java.time.Duration.ZERO);
        ManagerLoop loop = ManagerLoop.builder()
                .agents(ShippedRouting::agents)
                .model(model)
                .streamingModel(streaming)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .router(ShippedRouting.router())
                .grounding(io.revbot.orchestrator.grounding.GroundingPolicy.OFF)
                .build();

        loop.run(question("Review the Vertex Analytics - Platform Migration deal"), events);
        RecordingListener second = new RecordingListener();
        RunResult routed = loop.run(question("Review the Vertex Analytics - Platform Migration deal"), second);

        assertThat(events.of(RunEvent.AnswerDelta.class))
                .as("the hand-back's line is not the answer; the manager's is")
                .allMatch(d -> d.writer().equals(AgentName.MANAGER))
                .extracting(RunEvent.AnswerDelta::text)
                .containsExactly("Churn is concentrated in SMB.");
        assertThat(routed.routing()).isEqualTo(Routing.ROUTED);
        assertThat(second.of(RunEvent.AnswerDelta.class))
                .hasSizeGreaterThan(3)
                .allMatch(d -> d.writer().equals(AgentName.DEAL_ANALYSIS));
        assertThat(String.join(
                        "",
                        second.of(RunEvent.AnswerDelta.class).stream()
                                .map(RunEvent.AnswerDelta::text)
                                .toList()))
                .isEqualTo(answer);
    }

    @Test
    void aMultiPartQuestionGoesToTheManagerExactlyAsWithoutARouter() {
        model.on(MANAGER, text("Both done."));

        RunResult result =
                loop().run(question("Review the Vertex deal and check the latest news on Vertex Analytics"), events);

        assertThat(result.answer()).isEqualTo("Both done.");
        assertThat(model.requests())
                .extracting(ScriptedChatModel.Recorded::agent)
                .containsExactly(MANAGER);
        assertThat(events.of(RunEvent.RouteDecided.class).get(0).decision().decision())
                .isEqualTo("supervisor");
        events.assertWellFormed();
    }

    @Test
    void aWriteActionRoutedStraightToExecutionStillWaitsForApproval() {
        model.on(
                EXECUTION,
                tools(call(
                        "propose_slack_notification",
                        "{\"channel\":\"#revops\",\"message\":\"Forecast call at 3pm\"}")),
                text("Proposed; it is sent once a person approves it."));

        RunResult result = loop().run(question("Post in #revops that the forecast call moved to 3pm today"), events);

        assertThat(result.routing()).isEqualTo(Routing.ROUTED);
        assertThat(result.agentsUsed()).containsExactly(AgentName.EXECUTION);
        assertThat(events.of(RunEvent.ActionProposed.class))
                .singleElement()
                .satisfies(a -> assertThat(a.actionId()).isEqualTo("act-1"));
        events.assertWellFormed();
    }

    @Test
    void aFollowUpRoutedToASpecialistCarriesTheRecentConversation() {
        model.on(MANAGER, text("Hello! I answer revenue questions."));
        model.on(DATA, text("Northwind Logistics is the top churn risk."));
        ManagerLoop loop = loop();
        SessionId session = SessionId.random("test");
        loop.run(Request.of("How's your day going?", session, Channel.CLI, new Principal.LocalUser("me"), NOW), events);

        loop.run(
                Request.of(
                        "Which customers are most at risk of churning?",
                        session,
                        Channel.CLI,
                        new Principal.LocalUser("me"),
                        NOW),
                events);

        String input = ((UserMessage) model.requestsOf(DATA).get(0).messages().get(1)).singleText();
        assertThat(input)
                .contains("<conversation>\nuser: How's your day going?\nrevbot: Hello! I answer revenue questions.\n")
                .endsWith("Which customers are most at risk of churning?");
    }
}
