package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AskCommandTest {

    @Test
    void withoutModelSettingsAskExitsOneWithinASecondNamingTheThreeProviders() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Warm the JVM's command-line classes first: the bound is about RevBot's work, not class loading in a test JVM.
        RevbotCommand.commandLine(
                        Map.of(),
                        Clock.systemUTC(),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()))
                .execute("ask", "--help");
        long started = System.nanoTime();

        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_MODEL_PROVIDER", "bedrock", "HOME", "/nonexistent"),
                        Clock.systemUTC(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute("ask", "What is our pipeline?");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString())
                .startsWith("revbot: No model is configured")
                .contains("bedrock")
                .contains("anthropic")
                .contains("openai")
                .contains("AWS_REGION")
                .contains("ANTHROPIC_API_KEY")
                .contains("OPENAI_BASE_URL");
    }

    @Test
    void withJsonAFailedAskPrintsAJsonErrorWithItsCodeOnStdout() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_MODEL_PROVIDER", "anthropic"),
                        Clock.systemUTC(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute("ask", "What is our pipeline?", "--json");

        assertThat(exit).isEqualTo(1);
        var error = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString())
                .get("error");
        assertThat(error.get("code").asText()).isEqualTo("model_not_configured");
        assertThat(error.get("message").asText())
                .startsWith("No model is configured")
                .contains("ANTHROPIC_API_KEY");
        assertThat(err.toString()).startsWith("revbot: No model is configured");
    }

    @Test
    void askWithoutAQuestionIsAUsageError() {
        StringWriter err = new StringWriter();

        int exit = RevbotCommand.commandLine(
                        Map.of(), Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("ask");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("QUESTION");
    }
}
