package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code route} and {@code eval routing} through the real command line, with the shipped agents and no model. */
class RoutingCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Shared by the tests of this class: the router's caches make every run after the first fast. */
    static final Path HOME = Path.of("target", "routing-commands-home").toAbsolutePath();

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of(
                "REVBOT_HOME",
                HOME.toString(),
                "REVBOT_SOURCE_ROOT",
                Path.of("..").toAbsolutePath().normalize().toString());
        int code = RevbotCommand.commandLine(env, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void routePrintsTheDecisionWithoutAModelAsTextOrJson() throws Exception {
        Run text = run("route", "Review the Vertex Analytics - Platform Migration deal");
        Run json = run("route", "Hi RevBot, what can you do?", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("specialist deal_analysis (embedding, confidence ");
        JsonNode decision = JSON.readTree(json.out());
        assertThat(decision.path("decision").asText()).isEqualTo("direct");
        assertThat(decision.path("agents")).isEmpty();
        assertThat(decision.path("tier").asText()).isEqualTo("rules");
        assertThat(decision.path("confidence").asDouble()).isEqualTo(1.0);
    }

    @Test
    void routeDashReadsOneQuestionPerLineAndPrintsJsonLines() throws Exception {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(
                ("Which customers are most at risk of churning?\n\nReview the Orion deal and check news on Orion\n")
                        .getBytes(StandardCharsets.UTF_8)));
        Run run;
        try {
            run = run("route", "-");
        } finally {
            System.setIn(stdin);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).path("agents").get(0).asText()).isEqualTo("data");
        JsonNode multi = JSON.readTree(lines.get(1));
        assertThat(multi.path("decision").asText()).isEqualTo("supervisor");
        assertThat(multi.path("question").asText()).isEqualTo("Review the Orion deal and check news on Orion");
    }

    @Test
    void anEmptyQuestionIsAUsageError() {
        Run run = run("route", " ");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("QUESTION is empty");
    }

    @Test
    void evalRoutingOnTheShippedTestSplitPrintsTheFiguresAndMeetsTheTargets() throws Exception {
        Run text = run("eval", "routing");
        Run json = run("eval", "routing", "--json", "--min-accuracy", "0.5");

        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out())
                .contains("Routing evaluation on routing-test.tsv: 160 questions")
                .contains("single questions fast-pathed right (rules + embedding)")
                .contains("confusion matrix (rows: expected, columns: decided)")
                .contains("precision and recall")
                .contains("share decided by each tier")
                .contains("manager model calls saved against the manager path")
                .contains("=> meets the acceptance targets");
        JsonNode figures = JSON.readTree(json.out());
        assertThat(json.exitCode()).isZero();
        assertThat(figures.path("questions").asInt()).isEqualTo(160);
        assertThat(figures.path("fast_path_share").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(figures.path("multi_cut").asInt()).isZero();
        assertThat(figures.path("meets_acceptance").asBoolean()).isTrue();
        assertThat(figures.path("agents").path("deal_analysis").has("precision"))
                .isTrue();
    }

    @Test
    void evalRoutingExitsOneWhenASetMissesTheTargetsOrTheMinimumAccuracy() throws Exception {
        Path set = temp.resolve("set.tsv");
        Files.writeString(
                set,
                "question\texpected\tkind\n"
                        + "Review the Vertex Analytics - Platform Migration deal\tweb_search\tsingle\n"
                        + "hello\tmanager\tdirect\n");

        Run run = run("eval", "routing", "--set", set.toString(), "--min-accuracy", "0.9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("expected web_search, decided deal_analysis")
                .contains("MISSES the acceptance targets")
                .contains("accuracy 50.0 % < --min-accuracy 90.0 %");
    }

    @Test
    void aMissingOrMalformedSetAndWriteWithoutCalibrateAreUsageErrors() throws Exception {
        Path bad = temp.resolve("bad.tsv");
        Files.writeString(bad, "question\texpected\tkind\nhello\tmanager\n");

        assertThat(run("eval", "routing", "--set", temp.resolve("nope.tsv").toString())
                        .err())
                .contains("--set: no such file");
        Run malformed = run("eval", "routing", "--set", bad.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).contains("bad.tsv:2: expected 3 tab-separated cells");
        assertThat(run("eval", "routing", "--write").exitCode()).isEqualTo(2);
    }
}
