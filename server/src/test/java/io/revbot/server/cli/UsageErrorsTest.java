package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A usage error, whichever command: exit 2 and one line on stderr naming the argument, no Java in sight. */
class UsageErrorsTest {
    @TempDir
    Path home;

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_HOME", home.toString()),
                        Clock.systemUTC(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ask|",
                "ask|   ",
                "pipeline|--quarter|2026-Q5",
                "pipeline|--quarter|next",
                "pipeline|--by|planet",
                "deal| ",
                "sql|",
                "kb|search|",
                "lead",
                "lead|--new-since|0d",
                "churn|--top|0",
                "competitors|--since|yesterday",
                "demo-data|--as-of|2026-13-01",
                "usage|--days|0",
                "conversations|list|--feedback|meh",
                "ask|--session",
                "no-such-command"
            })
    void exitsTwoWithOneLineNamingTheProblem(String line) {
        Run r = run(line.split("\\|", -1));

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err())
                .startsWith("revbot: ")
                .contains("--help)")
                .doesNotContain("Exception")
                .doesNotContain("java.");
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pipeline|--quarter|2026-Q5|--json", "lead|--new-since|0d|--json"})
    void withJsonTheErrorIsAlsoAJsonObjectOnStdout(String line) throws Exception {
        Run r = run(line.split("\\|", -1));

        assertThat(r.exit()).isEqualTo(2);
        var error = new ObjectMapper().readTree(r.out()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("usage");
        assertThat(r.err()).contains(error.path("message").asText());
    }
}
