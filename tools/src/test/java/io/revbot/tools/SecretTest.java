package io.revbot.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void neverShowsItsValueWhenPrinted() {
        Secret secret = Secret.of("xoxb-123-very-secret");
        assertThat(secret.toString()).doesNotContain("xoxb").isEqualTo("****");
        assertThat(String.valueOf(java.util.List.of(secret))).doesNotContain("secret");
    }

    @Test
    void matchesOnlyTheExactValue() {
        Secret secret = Secret.of("abc");
        assertThat(secret.matches("abc")).isTrue();
        assertThat(secret.matches("abcd")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }

    @Test
    void refusesBlankValues() {
        assertThatThrownBy(() -> Secret.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
