package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.revbot.agents.AgentName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure part of a manager turn: how a tool call is classified and what a turn's results decide. */
class TurnDecisionTest {
    final ManagerTools tools = ManagerTools.of(ManagerLoopTest.agents(), ToolRegistry.of(List.of(new FakeTools())));

    static ToolExecutionRequest call(String id, String name, String arguments) {
        return ToolExecutionRequest.builder()
                .id(id)
                .name(name)
                .arguments(arguments)
                .build();
    }

    ToolCall.Delegate askDeals(boolean passThrough) {
        return (ToolCall.Delegate) ToolCall.classify(
                call("c1", "ask_deal_analysis", "{\"request\":\"Review Acme\",\"pass_through\":" + passThrough + "}"),
                tools);
    }

    @Test
    void aCallIsADelegationAMalformedDelegationAnOwnToolOrUnknown() {
        assertThat(askDeals(false).delegation().specialist().name()).isEqualTo(AgentName.DEAL_ANALYSIS);
        assertThat(ToolCall.classify(call("c2", "ask_data", "{\"reason\":\"no request\"}"), tools))
                .isInstanceOfSatisfying(
                        ToolCall.MalformedDelegation.class,
                        m -> assertThat(m.problem()).contains("'request' is required"));
        assertThat(ToolCall.classify(call("c3", "knowledge_search", "{\"query\":\"x\"}"), tools))
                .isInstanceOf(ToolCall.OwnTool.class);
        assertThat(ToolCall.classify(call("c4", "run_sql", "{}"), tools))
                .as("a specialist's tool is not the manager's")
                .isInstanceOfSatisfying(
                        ToolCall.Unknown.class,
                        u -> assertThat(u.available())
                                .containsExactlyInAnyOrder(
                                        "ask_deal_analysis", "ask_data", "knowledge_search", "read_answer")
                                .endsWith("knowledge_search", "read_answer"));
        assertThat(ToolCall.classify(call("c5", "read_answer", "{\"answer\":\"data-2\",\"part\":2}"), tools))
                .isInstanceOf(ToolCall.ReadAnswer.class);
    }

    @Test
    void aReplyWithoutToolCallsIsTheAnswer() {
        assertThat(ManagerTurns.decide(AiMessage.from("Done."), List.of()))
                .isEqualTo(new TurnOutcome.Answered("Done."));
    }

    @Test
    void aSingleCompletedPassThroughDelegationIsTheFinalAnswerAsWritten() {
        AiMessage reply = AiMessage.from(List.of(askDeals(true).request()));
        var executed = List.of(new ManagerTurns.Executed(askDeals(true), new BranchOutcome.Completed("Acme: 38%")));

        assertThat(ManagerTurns.decide(reply, executed))
                .isEqualTo(new TurnOutcome.PassedThrough(AgentName.DEAL_ANALYSIS, "Acme: 38%"));
    }

    @Test
    void aPassThroughDeliversTheWholeAnswerNotWhatTheManagerWouldHaveRead() {
        AiMessage reply = AiMessage.from(List.of(askDeals(true).request()));
        var executed = List.of(new ManagerTurns.Executed(
                askDeals(true), new BranchOutcome.Completed("Acme: 38%, and the long rest", "Acme: 38% [shortened]")));

        assertThat(ManagerTurns.decide(reply, executed))
                .isEqualTo(new TurnOutcome.PassedThrough(AgentName.DEAL_ANALYSIS, "Acme: 38%, and the long rest"));
    }

    @Test
    void anythingElseIsAnotherTurn() {
        AiMessage reply = AiMessage.from(List.of(askDeals(true).request()));
        ToolCall own = ToolCall.classify(call("c3", "knowledge_search", "{\"query\":\"x\"}"), tools);

        assertThat(ManagerTurns.decide(
                        reply, List.of(new ManagerTurns.Executed(askDeals(true), new BranchOutcome.Failed("down")))))
                .as("a failed pass-through")
                .isInstanceOf(TurnOutcome.Continue.class);
        assertThat(ManagerTurns.decide(
                        reply, List.of(new ManagerTurns.Executed(askDeals(false), new BranchOutcome.Completed("x")))))
                .as("no pass-through asked")
                .isInstanceOf(TurnOutcome.Continue.class);
        assertThat(ManagerTurns.decide(
                        reply,
                        List.of(
                                new ManagerTurns.Executed(askDeals(true), new BranchOutcome.Completed("x")),
                                new ManagerTurns.Executed(own, new BranchOutcome.Completed("y")))))
                .as("a pass-through beside another call")
                .isInstanceOf(TurnOutcome.Continue.class);
    }
}
