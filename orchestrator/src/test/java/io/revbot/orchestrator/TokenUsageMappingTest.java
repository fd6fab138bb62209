package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.bedrock.BedrockTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import org.junit.jupiter.api.Test;

/** Each provider's token report in our terms: {@code input} is uncached input, cache figures beside it. */
class TokenUsageMappingTest {

    @Test
    void bedrockReportsCacheReadsAndWritesBesideItsInput() {
        var usage = BedrockTokenUsage.builder()
                .inputTokenCount(120)
                .outputTokenCount(40)
                .cacheReadInputTokens(900)
                .cacheWriteInputTokens(300)
                .build();

        assertThat(ObservedChatModel.usageOf(usage)).isEqualTo(new TokenUsage(120, 40, 900, 300));
    }

    @Test
    void anthropicCacheCreationIsACacheWrite() {
        var usage = AnthropicTokenUsage.builder()
                .inputTokenCount(80)
                .outputTokenCount(25)
                .cacheReadInputTokens(1500)
                .cacheCreationInputTokens(700)
                .build();

        assertThat(ObservedChatModel.usageOf(usage)).isEqualTo(new TokenUsage(80, 25, 1500, 700));
    }

    @Test
    void openAiCachedTokensAreTakenOutOfThePromptTokens() {
        var usage = OpenAiTokenUsage.builder()
                .inputTokenCount(2000)
                .outputTokenCount(50)
                .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder()
                        .cachedTokens(1536)
                        .build())
                .build();

        assertThat(ObservedChatModel.usageOf(usage)).isEqualTo(new TokenUsage(464, 50, 1536, 0));
    }

    @Test
    void openAiWithoutDetailsAndPlainUsageHaveNoCacheFigures() {
        var openAi = OpenAiTokenUsage.builder()
                .inputTokenCount(10)
                .outputTokenCount(5)
                .build();
        var plain = new dev.langchain4j.model.output.TokenUsage(7, 3);

        assertThat(ObservedChatModel.usageOf(openAi)).isEqualTo(new TokenUsage(10, 5, 0, 0));
        assertThat(ObservedChatModel.usageOf(plain)).isEqualTo(new TokenUsage(7, 3, 0, 0));
        assertThat(ObservedChatModel.usageOf(null)).isEqualTo(TokenUsage.ZERO);
    }
}
