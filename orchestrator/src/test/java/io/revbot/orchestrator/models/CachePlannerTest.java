package io.revbot.orchestrator.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.orchestrator.models.CachePlanner.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachePlannerTest {
    static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    /** {@code tokens} tokens of text (four characters each). */
    static String text(int tokens) {
        return "abcd".repeat(tokens);
    }

    static ChatRequest request(ChatMessage... messages) {
        return ChatRequest.builder().messages(List.of(messages)).build();
    }

    @Test
    void aFirstQuestionGetsOnePointAfterTheSystemPrompt() {
        CachePlan plan = CachePlanner.plan(
                request(SystemMessage.from(text(1_500)), UserMessage.from("ctx\n\nhello")),
                SONNET,
                Rule.NTH_POINT_NEEDS_N_MINIMUMS);

        assertThat(plan.placed())
                .containsExactly(new CachePoint(CachePoint.Position.TOOLS_AND_SYSTEM, -1, 1_500, 1_024, null));
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void aFollowUpGetsAPointAfterTheWholeHistoryBeforeTheNewQuestion() {
        ChatRequest third = request(
                SystemMessage.from(text(1_500)),
                UserMessage.from(text(100)),
                AiMessage.from(text(600)),
                UserMessage.from(text(100)),
                AiMessage.from(text(900)),
                UserMessage.from("ctx\n\nand the third?"));

        CachePlan plan = CachePlanner.plan(third, SONNET, Rule.NTH_POINT_NEEDS_N_MINIMUMS);

        assertThat(plan.placed())
                .containsExactly(
                        new CachePoint(CachePoint.Position.TOOLS_AND_SYSTEM, -1, 1_500, 1_024, null),
                        new CachePoint(CachePoint.Position.HISTORY, 3, 3_200, 2_048, null));
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void theManagersLaterTurnsKeepTheirPointsAfterTheHistoryNotAfterToolTraffic() {
        ToolExecutionRequest ask = ToolExecutionRequest.builder()
                .id("t1")
                .name("ask_data")
                .arguments("{}")
                .build();
        ChatRequest laterTurn = request(
                SystemMessage.from(text(1_500)),
                UserMessage.from(text(100)),
                AiMessage.from(text(600)),
                UserMessage.from("ctx\n\nsecond question"),
                AiMessage.from(List.of(ask)),
                ToolExecutionResultMessage.from(ask, text(3_000)),
                ToolExecutionResultMessage.from(ask, text(10)));

        CachePlan plan = CachePlanner.plan(laterTurn, SONNET, Rule.NTH_POINT_NEEDS_N_MINIMUMS);

        assertThat(plan.placed())
                .extracting(CachePoint::after, CachePoint::message, CachePoint::prefixTokens)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CachePoint.Position.TOOLS_AND_SYSTEM, -1, 1_500L),
                        org.assertj.core.groups.Tuple.tuple(CachePoint.Position.HISTORY, 1, 2_200L));
    }

    @Test
    void aSpecialistsToolLoopHasNoHistoryPoint() {
        ToolExecutionRequest sql = ToolExecutionRequest.builder()
                .id("t1")
                .name("run_sql")
                .arguments("{}")
                .build();
        CachePlan plan = CachePlanner.plan(
                request(
                        SystemMessage.from(text(1_200)),
                        UserMessage.from("ctx\n\nPipeline by region"),
                        AiMessage.from(List.of(sql)),
                        ToolExecutionResultMessage.from(sql, text(2_000))),
                SONNET,
                Rule.NTH_POINT_NEEDS_N_MINIMUMS);

        assertThat(plan.placed()).extracting(CachePoint::after).containsExactly(CachePoint.Position.TOOLS_AND_SYSTEM);
    }

    @Test
    void aPromptBelowTheFamilysMinimumIsSkippedAndSaysWhy() {
        CachePlan plan = CachePlanner.plan(
                request(SystemMessage.from(text(700)), UserMessage.from("ctx\n\nnews on Acme?")),
                SONNET,
                Rule.NTH_POINT_NEEDS_N_MINIMUMS);

        assertThat(plan.placed()).isEmpty();
        assertThat(plan.skipped())
                .containsExactly(new CachePoint(
                        CachePoint.Position.TOOLS_AND_SYSTEM,
                        -1,
                        700,
                        1_024,
                        "prefix below the minimum: about 700 of 1,024 tokens (claude-sonnet-4-5)"));
    }

    @Test
    void theToolDefinitionsCountTowardsThePrefix() {
        var tool = dev.langchain4j.agent.tool.ToolSpecification.builder()
                .name("web_search")
                .description(text(400))
                .build();
        ChatRequest withTools = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(text(700)), UserMessage.from("q")))
                .toolSpecifications(List.of(tool))
                .build();

        CachePlan plan = CachePlanner.plan(withTools, SONNET, Rule.NTH_POINT_NEEDS_N_MINIMUMS);

        assertThat(plan.placed()).hasSize(1);
        assertThat(plan.placed().get(0).prefixTokens()).isGreaterThanOrEqualTo(1_100);
    }

    @Test
    void onBedrockASecondPointNeedsTwoMinimumsButOnAnthropicOneIsEnough() {
        ChatRequest shortHistory = request(
                SystemMessage.from(text(1_500)),
                UserMessage.from(text(50)),
                AiMessage.from(text(300)),
                UserMessage.from("ctx\n\nfollow-up"));

        CachePlan bedrock = CachePlanner.plan(shortHistory, SONNET, Rule.NTH_POINT_NEEDS_N_MINIMUMS);
        CachePlan anthropic = CachePlanner.plan(shortHistory, "claude-sonnet-4-5", Rule.EACH_PREFIX_NEEDS_MINIMUM);

        assertThat(bedrock.placed())
                .extracting(CachePoint::after)
                .containsExactly(CachePoint.Position.TOOLS_AND_SYSTEM);
        assertThat(bedrock.skipped())
                .extracting(CachePoint::after, CachePoint::prefixTokens, CachePoint::minimumTokens)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CachePoint.Position.HISTORY, 1_850L, 2_048L));
        assertThat(anthropic.placed())
                .extracting(CachePoint::after)
                .containsExactly(CachePoint.Position.TOOLS_AND_SYSTEM, CachePoint.Position.HISTORY);
    }

    @Test
    void familyMinimumsFollowTheModelIdTheLongestKeyWinning() {
        assertThat(CacheMinimums.of("us.anthropic.claude-sonnet-4-5-20250929-v1:0")
                        .tokens())
                .isEqualTo(1_024);
        assertThat(CacheMinimums.of("claude-haiku-4-5").tokens()).isEqualTo(4_096);
        assertThat(CacheMinimums.of("anthropic.claude-3-5-haiku-20241022-v1:0").tokens())
                .isEqualTo(2_048);
        assertThat(CacheMinimums.of("eu.anthropic.claude-opus-4-5-20251101-v1:0")
                        .tokens())
                .isEqualTo(4_096);
        assertThat(CacheMinimums.of("anthropic.claude-opus-4-20250514-v1:0").tokens())
                .isEqualTo(1_024);
        assertThat(CacheMinimums.of("arn:aws:bedrock:us-east-1:123:application-inference-profile/x"))
                .isEqualTo(CacheMinimums.UNKNOWN);
    }

    @Test
    void aHaikuPromptBetweenTheSonnetAndHaikuMinimumsIsSkippedOnHaikuOnly() {
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(text(3_000)), UserMessage.from("q")));

        assertThat(CachePlanner.plan(
                                request(messages.toArray(ChatMessage[]::new)), SONNET, Rule.NTH_POINT_NEEDS_N_MINIMUMS)
                        .placed())
                .hasSize(1);
        assertThat(CachePlanner.plan(
                                request(messages.toArray(ChatMessage[]::new)),
                                "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                                Rule.NTH_POINT_NEEDS_N_MINIMUMS)
                        .skipped())
                .extracting(CachePoint::minimumTokens)
                .containsExactly(4_096L);
    }
}
