package io.revbot.orchestrator;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.grounding.CheckedFigure;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.grounding.Trace;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ScriptedChatModel.Reply;
import io.revbot.tools.ToolException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grounding step in the loop: annotate, repair by the manager or a passed-through specialist, off. */
class GroundingStepTest {
    static final String MANAGER = ManagerLoopTest.MANAGER;
    static final String DEAL = ManagerLoopTest.DEAL;
    static final String DATA = ManagerLoopTest.DATA;
    static final String INVENTED = "Pipeline coverage is 4.7x and the team will book $987,654 by Friday.";

    final ScriptedChatModel model = new ScriptedChatModel();
    final RecordingListener events = new RecordingListener();

    /** A transcript longer than an event's 500-character preview, with figures only near its end. */
    public static class LongTools {
        static final String TRANSCRIPT =
                "Rep: thanks for joining. ".repeat(40) + "Buyer: our budget is $412,500 and we sign on 2026-12-15.";

        @Tool(name = "get_call_transcript", value = "A call's transcript.")
        public String transcript(@P("call id") String callId) {
            return TRANSCRIPT;
        }

        @Tool(name = "list_calls", value = "Lists calls.")
        public String listCalls(@P("account") String account) {
            throw new ToolException("No calls for " + account + " since 2026-01-01; 17 accounts have calls.");
        }
    }

    ManagerLoop.Builder loop(GroundingPolicy policy) {
        return ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FakeTools(), new LongTools())))
                .clock(Clock.fixed(ManagerLoopTest.NOW, ZoneOffset.UTC))
                .sleeper(d -> {})
                .grounding(policy);
    }

    static String untracedNote(String... figures) {
        return "⚠️ _Not found in the data RevBot read for this answer: " + String.join(", ", figures)
                + ". Check before relying on " + (figures.length == 1 ? "it" : "them") + "._";
    }

    @Test
    void anAnswerQuotingItsToolsIsDeliveredAsWrittenWithEachFiguresSource() {
        model.on(
                MANAGER,
                tools(call("ask_deal_analysis", "{\"request\":\"Review Vertex\"}")),
                text("Vertex is at a 38% evidence-adjusted probability, MEDDPICC 41."));
        model.on(
                DEAL,
                tools(call("deal_review", "{\"opportunity\":\"Vertex\"}")),
                Reply.from(r -> AiMessage.from("Deal review: " + ScriptedChatModel.lastMessageText(r))));

        RunResult result = loop(GroundingPolicy.ANNOTATE).build().run(ManagerLoopTest.question("Vertex?"), events);

        assertThat(result.answer()).isEqualTo("Vertex is at a 38% evidence-adjusted probability, MEDDPICC 41.");
        Grounding grounding = result.grounding();
        assertThat(grounding.figureCount()).isEqualTo(2);
        assertThat(grounding.untraced()).isEmpty();
        String dealReviewCall = events.of(RunEvent.ToolFinished.class).stream()
                .filter(t -> t.tool().equals("deal_review"))
                .findFirst()
                .orElseThrow()
                .toolCallId();
        assertThat(grounding.figures())
                .extracting(CheckedFigure::trace)
                .containsOnly(new Trace.Found("deal_review", dealReviewCall));
        RunEvent.AnswerProduced produced =
                events.of(RunEvent.AnswerProduced.class).get(0);
        assertThat(produced.grounding()).isEqualTo(grounding);
        assertThat(produced.answer()).isEqualTo(result.answer());
        events.assertWellFormed();
    }

    @Test
    void annotateAddsOneLineNamingTheUntracedFigures() {
        model.on(MANAGER, tools(call("run_sql", "{\"sql\":\"select 1\"}")), text("Pipeline is $1.2M. " + INVENTED));
        AgentsWithSql agents = new AgentsWithSql();

        RunResult result = loop(GroundingPolicy.ANNOTATE)
                .agents(agents::get)
                .build()
                .run(ManagerLoopTest.question("Pipeline?"), events);

        assertThat(result.answer())
                .isEqualTo("Pipeline is $1.2M. " + INVENTED + "\n\n" + untracedNote("4.7x", "$987,654"));
        assertThat(result.grounding().figureCount()).isEqualTo(3);
        assertThat(result.grounding().tracedCount()).isEqualTo(1);
        assertThat(result.grounding().untraced()).containsExactly("4.7x", "$987,654");
        assertThat(model.requestsOf(MANAGER))
                .as("annotate asks nobody to revise")
                .hasSize(2);
        events.assertWellFormed();
    }

    @Test
    void aSpecialistsAnswerIsNotEvidenceOnlyItsToolResultsAre() {
        model.on(
                MANAGER,
                tools(call("ask_data", "{\"request\":\"Total pipeline\"}")),
                Reply.from(r -> AiMessage.from("Per Data: " + ScriptedChatModel.lastMessageText(r))));
        model.on(
                DATA,
                tools(call("run_sql", "{\"sql\":\"select sum(amount) from opportunity_d\"}")),
                text("Total pipeline is $1.2M across 37 deals."));

        RunResult result = loop(GroundingPolicy.ANNOTATE).build().run(ManagerLoopTest.question("Pipeline?"), events);

        assertThat(result.grounding().untraced()).containsExactly("37");
        assertThat(result.answer()).endsWith(untracedNote("37"));
        events.assertWellFormed();
    }

    @Test
    void wholeToolResultsCountNotTheEventsPreviewsAndFailuresAndProposalsDoNot() {
        model.on(
                MANAGER,
                tools(
                        call("get_call_transcript", "{\"callId\":\"c1\"}"),
                        call("list_calls", "{\"account\":\"Vertex\"}"),
                        call("propose_slack_notification", "{\"channel\":\"#deals\",\"message\":\"budget 64\"}")),
                text("The buyer's budget is $412.5K and they sign on Dec 15; 17 accounts have calls; act-1."));
        AgentsWithSql agents = new AgentsWithSql("get_call_transcript", "list_calls", "propose_slack_notification");

        RunResult result = loop(GroundingPolicy.ANNOTATE)
                .agents(agents::get)
                .build()
                .run(ManagerLoopTest.question("Vertex budget?"), events);

        assertThat(LongTools.TRANSCRIPT.indexOf("$412,500")).isGreaterThan(500);
        assertThat(events.of(RunEvent.ToolFinished.class).get(0).resultPreview())
                .doesNotContain("412");
        assertThat(result.grounding().figures())
                .extracting(f -> f.figure().text(), CheckedFigure::traced)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("$412.5K", true),
                        org.assertj.core.groups.Tuple.tuple("Dec 15", true),
                        org.assertj.core.groups.Tuple.tuple("17", false));
        events.assertWellFormed();
    }

    @Test
    void repairGivesTheManagerOneMoreTurnWithTheUntracedFiguresAndTheDataThenChecksAgain() {
        model.on(
                MANAGER,
                tools(call("run_sql", "{\"sql\":\"select 1\"}")),
                text("Pipeline is $1.2M. " + INVENTED),
                text("Pipeline is $1,200,000; coverage cannot be computed without a target."));
        AgentsWithSql agents = new AgentsWithSql();

        RunResult result = loop(GroundingPolicy.REPAIR)
                .agents(agents::get)
                .build()
                .run(ManagerLoopTest.question("Pipeline?"), events);

        assertThat(result.answer()).isEqualTo("Pipeline is $1,200,000; coverage cannot be computed without a target.");
        assertThat(result.grounding().repaired()).isTrue();
        assertThat(result.grounding().untraced()).isEmpty();
        ChatRequest revision = model.requestsOf(MANAGER).get(2);
        List<ChatMessage> messages = revision.messages();
        assertThat(((AiMessage) messages.get(messages.size() - 2)).text()).isEqualTo("Pipeline is $1.2M. " + INVENTED);
        assertThat(((UserMessage) messages.get(messages.size() - 1)).singleText())
                .contains("could not find these figures of your answer")
                .contains("4.7x, $987,654")
                .contains("<tool_results>\n[run_sql call-1]\ntotal_pipeline\n1200000\n</tool_results>");
        assertThat(revision.toolSpecifications()).as("sent for Bedrock's sake").isNotEmpty();
        List<RunEvent.InvocationStarted> managers = events.of(RunEvent.InvocationStarted.class).stream()
                .filter(s -> s.agent().equals(AgentName.MANAGER))
                .toList();
        assertThat(managers).hasSize(2);
        assertThat(managers.get(1).requestedBy()).isNull();
        assertThat(managers.get(1).input())
                .contains("4.7x, $987,654")
                .endsWith("[the run's tool results]")
                .doesNotContain("1200000");
        assertThat(events.of(RunEvent.ModelCalled.class)).hasSize(3);
        assertThat(events.of(RunEvent.AnswerProduced.class))
                .singleElement()
                .satisfies(a -> assertThat(a.answer()).isEqualTo(result.answer()));
        events.assertWellFormed();
    }

    @Test
    void repairAsksThePassedThroughSpecialistAndAnnotatesWhatIsLeft() {
        model.on(MANAGER, tools(call("ask_deal_analysis", "{\"request\":\"Review Vertex\",\"pass_through\":true}")));
        model.on(
                DEAL,
                tools(call("deal_review", "{\"opportunity\":\"Vertex\"}")),
                text("Vertex: 38% probability, 92% likely to slip, $987,654 at stake."),
                text("Vertex: 38% probability, $987,654 at stake."));

        RunResult result = loop(GroundingPolicy.REPAIR).build().run(ManagerLoopTest.question("Vertex?"), events);

        assertThat(result.routing()).isEqualTo(Routing.PASS_THROUGH);
        assertThat(result.answer())
                .isEqualTo("Vertex: 38% probability, $987,654 at stake.\n\n" + untracedNote("$987,654"));
        assertThat(model.requestsOf(MANAGER)).as("the manager is not asked").hasSize(1);
        ChatRequest revision = model.requestsOf(DEAL).get(2);
        assertThat(((SystemMessage) revision.messages().get(0)).text()).isEqualTo(DEAL);
        assertThat(((UserMessage) revision.messages().get(1)).singleText())
                .startsWith("<run_context>")
                .endsWith("Review Vertex");
        assertThat(((UserMessage) revision.messages().get(3)).singleText())
                .contains("92%, $987,654")
                .contains("[deal_review call-2]");
        assertThat(revision.toolSpecifications()).isEmpty();
        assertThat(events.of(RunEvent.AnswerProduced.class).get(0).author()).isEqualTo(AgentName.DEAL_ANALYSIS);
        events.assertWellFormed();
    }

    @Test
    void aRevisionThatCallsAToolLeavesTheDraftWithItsNote() {
        model.on(MANAGER, text("Coverage is 4.7x."), tools(call("knowledge_search", "{\"query\":\"coverage\"}")));

        RunResult result = loop(GroundingPolicy.REPAIR).build().run(ManagerLoopTest.question("Coverage?"), events);

        assertThat(result.answer()).isEqualTo("Coverage is 4.7x.\n\n" + untracedNote("4.7x"));
        assertThat(result.grounding().repaired()).isTrue();
        assertThat(events.of(RunEvent.InvocationFinished.class))
                .extracting(RunEvent.InvocationFinished::outcome, RunEvent.InvocationFinished::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RunEvent.AgentOutcome.COMPLETED, null),
                        org.assertj.core.groups.Tuple.tuple(
                                RunEvent.AgentOutcome.FAILED, "the revision gave no answer; the draft stands"));
        events.assertWellFormed();
    }

    @Test
    void offChecksNothing() {
        model.on(MANAGER, text(INVENTED));

        RunResult result = loop(GroundingPolicy.OFF).build().run(ManagerLoopTest.question("Coverage?"), events);

        assertThat(result.answer()).isEqualTo(INVENTED);
        assertThat(result.grounding()).isNull();
        assertThat(events.of(RunEvent.AnswerProduced.class).get(0).grounding()).isNull();
        events.assertWellFormed();
    }

    @Test
    void figuresOfTheQuestionAndTheRunContextAreGiven() {
        model.on(MANAGER, text("Deals over $50K closing by Dec 31, 37 days from now: none."));

        RunResult result = loop(GroundingPolicy.ANNOTATE)
                .build()
                .run(ManagerLoopTest.question("Which deals over $50K close this quarter?"), events);

        assertThat(result.grounding().untraced()).isEmpty();
        assertThat(result.grounding().figures())
                .extracting(CheckedFigure::trace)
                .containsExactly(
                        new Trace.Found("question", null),
                        new Trace.Found("run_context", null),
                        new Trace.Found("run_context", null));
    }

    /** The test agents with the manager allowed the given tools (run_sql by default). */
    static final class AgentsWithSql {
        private final io.revbot.agents.Agents agents;

        AgentsWithSql(String... managerTools) {
            io.revbot.agents.Agents base = ManagerLoopTest.agents();
            List<String> tools = managerTools.length == 0 ? List.of("run_sql") : List.of(managerTools);
            java.util.Map<AgentName, io.revbot.agents.AgentSpec> specs = new java.util.HashMap<>(base.all());
            specs.put(AgentName.MANAGER, ManagerLoopTest.spec(AgentName.MANAGER, "the manager", tools, MANAGER));
            this.agents = new io.revbot.agents.Agents(specs);
        }

        io.revbot.agents.Agents get() {
            return agents;
        }
    }
}
