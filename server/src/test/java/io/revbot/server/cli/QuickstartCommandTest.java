package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, on a fresh home with nothing configured, exactly as a new user runs it. */
class QuickstartCommandTest {

    @TempDir
    Path home;

    @Test
    void runsEveryOfflineStepOnAFreshHomeAndEndsWithHowToAddAModel() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(
                        Map.of(
                                "REVBOT_HOME", home.toString(),
                                "REVBOT_KNOWLEDGE_DIR",
                                        Path.of("..", "knowledge_base").toString()),
                        Clock.systemUTC(),
                        new PrintWriter(out),
                        new PrintWriter(err))
                .execute("quickstart");

        String text = out.toString();
        assertThat(exit).as(err.toString()).isZero();
        for (QuickstartCommand.Step step : QuickstartCommand.steps()) {
            assertThat(text).contains(step.title());
        }
        assertThat(text)
                .doesNotContain("this step failed")
                .contains("Negotiate") // the warehouse step's stage table
                .contains("added") // the ingest summary
                .containsPattern("\\.md > ") // knowledge hits cite document > heading
                .contains("Probability: CRM 75 %") // the planted deal's review
                .contains("Snowflake") // competitors named on the Orion Health calls
                .contains("REVBOT_MODEL_PROVIDER") // how to add a model
                .contains("./revbot ask");
    }
}
