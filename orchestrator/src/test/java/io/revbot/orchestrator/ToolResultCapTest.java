package io.revbot.orchestrator;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolResultCapTest {
    /** A tool that answers far more than a model should read. */
    public static class FloodingTools {
        @Tool(name = "run_sql", value = "Runs SQL.")
        public String runSql(@P("sql") String sql) {
            return "x".repeat(300_000);
        }
    }

    @Test
    void aResultPastTheCapReachesTheModelCutWithANote() {
        ScriptedChatModel model = new ScriptedChatModel();
        model.on(ManagerLoopTest.MANAGER, tools(call("ask_data", "{\"request\":\"all rows\",\"pass_through\":true}")));
        model.on(
                ManagerLoopTest.DATA,
                tools(call("run_sql", "{\"sql\":\"select *\"}")),
                text("Too much data; I aggregated instead."));
        RecordingListener events = new RecordingListener();

        ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FloodingTools())))
                .clock(Clock.fixed(ManagerLoopTest.NOW, ZoneOffset.UTC))
                .sleeper(d -> {})
                .build()
                .run(ManagerLoopTest.question("everything?"), events);

        ChatRequest second = model.requestsOf(ManagerLoopTest.DATA).get(1);
        String seen = ManagerLoopTest.toolResults(second).get(0);
        assertThat(seen)
                .startsWith("xxx")
                .hasSizeLessThan(ToolResultCap.MAX_CHARS + 200)
                .endsWith("[RevBot: this tool result was cut at 100000 of 300000 characters. Ask for less: filter,"
                        + " aggregate or page.]");
        RunEvent.ToolFinished finished = events.of(RunEvent.ToolFinished.class).get(0);
        assertThat(finished.status()).isEqualTo(RunEvent.ToolStatus.OK);
    }

    @Test
    void aResultWithinTheCapIsLeftAsItIs() {
        ToolExecutionResult small =
                ToolExecutionResult.builder().resultText("ok").build();
        assertThat(ToolResultCap.apply(small)).isSameAs(small);
        ToolExecutionResult error = ToolExecutionResult.builder()
                .isError(true)
                .resultText("e".repeat(ToolResultCap.MAX_CHARS + 1))
                .build();
        assertThat(ToolResultCap.apply(error).isError()).isTrue();
        assertThat(ToolResultCap.cut("a".repeat(ToolResultCap.MAX_CHARS - 1) + "\uD83D\uDE00" + "b"))
                .as("a surrogate pair is never split")
                .startsWith("a".repeat(ToolResultCap.MAX_CHARS - 1) + "\n");
    }
}
