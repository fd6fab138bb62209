package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.orchestrator.TokenUsage;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void theLongestKeyContainedInTheModelIdWins() {
        PriceTable prices = PriceTable.builtIn();
        assertThat(prices.priceOf("us.anthropic.claude-opus-4-5-20251101-v1:0")
                        .orElseThrow()
                        .input())
                .isEqualTo(5);
        assertThat(prices.priceOf("anthropic.claude-opus-4-20250514-v1:0")
                        .orElseThrow()
                        .input())
                .isEqualTo(15);
        assertThat(prices.priceOf("llama3.1:8b")).isEmpty();
    }

    @Test
    void overridesAddModelsAndReplaceBuiltInPrices() {
        PriceTable prices = PriceTable.withOverrides("llama3=0/0, claude-sonnet-4=2/10/0.2/2.5");
        assertThat(prices.cost("llama3.1:8b", new TokenUsage(1000, 1000, 0, 0))).contains(0.0);
        assertThat(prices.cost("claude-sonnet-4-20250514", new TokenUsage(1_000_000, 100_000, 0, 0)))
                .contains(3.0);
    }

    @Test
    void aMalformedOverrideSaysWhatWasExpected() {
        assertThatThrownBy(() -> PriceTable.withOverrides("llama3=cheap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 or 4 numbers");
        assertThatThrownBy(() -> PriceTable.withOverrides("llama3")).hasMessageContaining("key=input/output");
    }
}
