package io.revbot.orchestrator;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the manager is sent of a specialist's answer, and what the run's token budget counts. */
class TokenEconomyTest {
    static final String MANAGER = ManagerLoopTest.MANAGER;
    static final String DATA = ManagerLoopTest.DATA;

    final ScriptedChatModel model = new ScriptedChatModel();
    final RecordingListener events = new RecordingListener();

    /** 40 lines of 50 characters: 2,000 characters, about 500 tokens. */
    static final String LONG_ANSWER = IntStream.rangeClosed(1, 40)
            .mapToObj(i -> String.format("Row %02d: pipeline for account %02d is $%,9d.....", i, i, i * 10_000))
            .collect(Collectors.joining("\n"));

    ManagerLoop.Builder loop(int answerTokens) {
        return ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .clock(Clock.fixed(ManagerLoopTest.NOW, ZoneOffset.UTC))
                .sleeper(d -> {})
                // The scripted specialists state figures without tools, which grounding would rightly flag.
                .grounding(GroundingPolicy.OFF)
                .specialistAnswerTokens(answerTokens);
    }

    @Test
    void aSpecialistAnswerLongerThanTheCapReachesTheManagerShortenedWithANoteAndTheRestOnRequest() {
        assertThat(LONG_ANSWER).hasSize(40 * 51 - 1);
        model.on(
                MANAGER,
                tools(call("ask_data", "{\"request\":\"Pipeline by account\"}")),
                tools(call("read_answer", "{\"answer\":\"data-2\",\"part\":2}")),
                text("Pipeline is spread over 40 accounts."));
        model.on(DATA, text(LONG_ANSWER));

        RunResult result = loop(100).build().run(ManagerLoopTest.question("pipeline by account?"), events);

        assertThat(result.answer()).isEqualTo("Pipeline is spread over 40 accounts.");
        List<ChatRequest> manager = model.requestsOf(MANAGER);
        String firstPart = lastToolResult(manager.get(1));
        assertThat(firstPart)
                .startsWith("Row 01: pipeline for account 01")
                .contains("[Shortened for you: this is part 1 of 6 of Data's answer (about 89 of 509 tokens).")
                .contains("To read on, call read_answer with answer \"data-2\" and part 2.]");
        String page1 = firstPart.substring(0, firstPart.indexOf("\n\n[Shortened"));
        assertThat(page1.length()).isLessThanOrEqualTo(400);
        assertThat(LONG_ANSWER).startsWith(page1);
        assertThat(page1).as("cut at a line break").endsWith(".\n");

        String secondPart = lastToolResult(manager.get(2));
        String page2 = secondPart.substring(0, secondPart.indexOf("\n\n[Part 2 of 6."));
        assertThat(LONG_ANSWER.substring(page1.length())).startsWith(page2);
        assertThat(secondPart).endsWith("For more, call read_answer with answer \"data-2\" and part 3.]");

        RunEvent.InvocationFinished data = events.of(RunEvent.InvocationFinished.class).stream()
                .filter(f -> f.agent().equals(AgentName.DATA))
                .findFirst()
                .orElseThrow();
        assertThat(data.output()).as("the record keeps the whole answer").isEqualTo(LONG_ANSWER);
        assertThat(events.of(RunEvent.ToolFinished.class))
                .extracting(RunEvent.ToolFinished::tool, RunEvent.ToolFinished::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ask_data", RunEvent.ToolStatus.OK),
                        org.assertj.core.groups.Tuple.tuple("read_answer", RunEvent.ToolStatus.OK));
        events.assertWellFormed();
    }

    @Test
    void passedThroughTheUserGetsTheWholeAnswer() {
        model.on(MANAGER, tools(call("ask_data", "{\"request\":\"Pipeline by account\",\"pass_through\":true}")));
        model.on(DATA, text(LONG_ANSWER));

        RunResult result = loop(100).build().run(ManagerLoopTest.question("pipeline by account?"), events);

        assertThat(result.routing()).isEqualTo(Routing.PASS_THROUGH);
        assertThat(result.answer()).isEqualTo(LONG_ANSWER);
        assertThat(events.of(RunEvent.AnswerProduced.class).get(0).answer()).isEqualTo(LONG_ANSWER);
    }

    @Test
    void anAnswerWithinTheCapReachesTheManagerAsWritten() {
        model.on(MANAGER, tools(call("ask_data", "{\"request\":\"Pipeline\"}")), text("Pipeline: $1.2M"));
        model.on(DATA, text("Pipeline is $1.2M."));

        loop(100).build().run(ManagerLoopTest.question("pipeline?"), events);

        assertThat(lastToolResult(model.requestsOf(MANAGER).get(1))).isEqualTo("Pipeline is $1.2M.");
    }

    @Test
    void readingAnAnswerThatWasNotShortenedIsABadArgumentTheManagerReads() {
        model.on(
                MANAGER,
                tools(call("read_answer", "{\"answer\":\"data-9\",\"part\":2}")),
                text("Sorry, nothing more to read."));

        loop(100).build().run(ManagerLoopTest.question("more?"), events);

        assertThat(lastToolResult(model.requestsOf(MANAGER).get(1)))
                .isEqualTo("Invalid arguments for read_answer: no shortened answer has the id 'data-9' in this run");
        assertThat(events.of(RunEvent.ToolFinished.class).get(0).status()).isEqualTo(RunEvent.ToolStatus.BAD_ARGUMENTS);
    }

    @Test
    void theBudgetStopsARunWhoseCacheReadsPushItOver() {
        // 120 uncached tokens a call would take 16 calls to spend 2,000; the cache reads spend it on the second.
        model.usagePerCall(100, 20, 900, 0);
        model.on(MANAGER, tools(call("ask_data", "{\"request\":\"Pipeline\"}")), text("unreachable"));
        model.on(DATA, text("Pipeline: $1.2M"));

        assertThatThrownBy(() -> loop(4_000)
                        .limits(new RunLimits(8, 12, Duration.ofMinutes(1), Duration.ofMinutes(1), 2_000))
                        .build()
                        .run(ManagerLoopTest.question("pipeline?"), events))
                .isInstanceOfSatisfying(TokenBudgetExceeded.class, e -> {
                    assertThat(e.tokenKind()).isEqualTo(TokenUsage.Kind.CACHE_READ);
                    assertThat(e.used()).isEqualTo(new TokenUsage(200, 40, 1_800, 0));
                })
                .hasMessageContaining("2040 tokens against a budget of 2000 (REVBOT_TOKEN_BUDGET)")
                .hasMessageContaining("cache_read pushed it over")
                .hasMessageContaining("input 200, output 40, cache_read 1800, cache_write 0");
        RunEvent.RunFailed failed = events.of(RunEvent.RunFailed.class).get(0);
        assertThat(failed.kind()).isEqualTo(FailureKind.TOKEN_BUDGET);
        assertThat(failed.usage().total()).isEqualTo(2_040);
        events.assertWellFormed();
    }

    static String lastToolResult(ChatRequest request) {
        return request.messages().stream()
                .filter(m -> m instanceof ToolExecutionResultMessage)
                .map(m -> ((ToolExecutionResultMessage) m).text())
                .reduce((a, b) -> b)
                .orElseThrow();
    }
}
