package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest} and {@code kb search} end to end in embedded mode, with the real in-process embedding model. */
class KnowledgeCommandsTest {
    @TempDir
    Path home;

    @TempDir
    Path tree;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void writeTree() throws Exception {
        Files.createDirectories(tree.resolve("schema"));
        Files.writeString(
                tree.resolve("schema/gong_call_f.md"),
                "# gong_call_f\n\nRecorded calls.\n\n## Pitfalls\n\nThe next-steps column is"
                        + " `gong__call_highlights_next_steps`, with two underscores.\n");
        Files.createDirectories(tree.resolve("workflows"));
        Files.writeString(
                tree.resolve("workflows/deal_assessment.md"),
                "# Deal assessment\n\n## Evidence\n\nRead the last five calls before judging the stage.\n");
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_HOME", home.toString(), "REVBOT_KNOWLEDGE_DIR", tree.toString()),
                        Clock.systemUTC(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void ingestJsonPrintsExactlyOneObjectWithExactlyTheSummaryKeys() throws Exception {
        Run first = run("ingest", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(first.out());
        assertThat(first.out().strip().lines()).hasSize(1);
        assertThat(summary.fieldNames())
                .toIterable()
                .containsExactly("added", "updated", "removed", "unchanged", "seconds");
        assertThat(summary.get("added").asInt()).isEqualTo(3);
        assertThat(home.resolve("knowledge/index.json.gz")).exists();

        Run second = run("ingest", "--json");
        JsonNode again = new ObjectMapper().readTree(second.out());
        assertThat(again.get("added").asInt() + again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
    }

    @Test
    void ingestPrintsASummaryLineAndDrawsProgressOnStderr() {
        Run run = run("ingest");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("ingest: 3 added, 0 updated, 0 removed, 0 unchanged chunks in ");
        assertThat(run.err()).contains("3 to embed").contains("Embedding").contains("chunks/s");
    }

    @Test
    void kbSearchIngestsAnEmptyStoreFirstAndFindsExactIdentifiers() throws Exception {
        Run text = run("kb", "search", "gong__call_highlights_next_steps", "--k", "1");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.err()).contains("kb: 3 chunks in the tree, 3 to embed").contains("Embedding");
        assertThat(text.out()).startsWith("1. schema/gong_call_f.md > gong_call_f > Pitfalls  (score ");

        Run json = run("kb", "search", "how to judge the stage of a deal", "--folder", "workflows", "--json");
        JsonNode hits = new ObjectMapper().readTree(json.out()).get("hits");
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).get("document").asText()).isEqualTo("workflows/deal_assessment.md");
        assertThat(hits.get(0).get("heading_path").asText()).isEqualTo("Deal assessment > Evidence");
    }

    @Test
    void kbSearchBringsAStaleStoreUpToDateFirstAndSaysNothingWhenItIsCurrent() throws Exception {
        assertThat(run("ingest").exit()).isZero();
        Files.writeString(
                tree.resolve("workflows/renewals.md"), "# Renewals\n\nStart renewal talks ninety days out.\n");

        Run stale = run("kb", "search", "when do renewal talks start", "--k", "1");
        Run current = run("kb", "search", "when do renewal talks start", "--k", "1");

        assertThat(stale.err()).contains("kb: 4 chunks in the tree, 1 to embed").contains("1 added");
        assertThat(stale.out()).startsWith("1. workflows/renewals.md > Renewals");
        assertThat(current.err()).isEmpty();
        assertThat(current.out()).isEqualTo(stale.out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("kb", "search", "x", "--k", "0").exit()).isEqualTo(2);
        assertThat(run("kb", "search").exit()).isEqualTo(2);
        assertThat(run("ingest", "--bogus").exit()).isEqualTo(2);
    }
}
