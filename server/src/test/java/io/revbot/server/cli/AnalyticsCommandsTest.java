package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.demo.DemoDataGenerator;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics commands on the demo warehouse (pinned as-of date and clock), as a user runs them. */
class AnalyticsCommandsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 16);

    @TempDir
    static Path home;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void generate() {
        new DemoDataGenerator(1, AS_OF).writeDatabase(DuckDbWarehouse.demoFile(home));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Clock clock = Clock.fixed(AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_HOME", home.toString(), "REVBOT_QUARTERLY_TARGET", "2.5M"),
                        clock,
                        new PrintWriter(out),
                        new PrintWriter(err))
                .execute(args);
        Run run = new Run(exit, out.toString(), err.toString());
        try {
            Path transcript =
                    Path.of("target", "cli-output", String.join("_", args).replaceAll("[^A-Za-z0-9_-]", "-") + ".txt");
            Files.createDirectories(transcript.getParent());
            Files.writeString(transcript, run.out() + run.err());
        } catch (IOException e) {
            // the transcript is only for reading; the assertions decide
        }
        return run;
    }

    @Test
    void dealReviewsTheDiscoveryOnlyNegotiateDeal() {
        Run run = run("deal", "Vertex Analytics - Platform Migration");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Probability: CRM 75 %")
                .contains("evidence-adjusted")
                .contains("discovery");
    }

    @Test
    void dealJsonForAnUnknownDealPrintsANotFoundErrorObject() throws IOException {
        Run run = run("deal", "Opportunity That Does Not Exist", "--json");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("not_found");
        assertThat(error.get("message").asText()).contains("Opportunity That Does Not Exist");
    }

    @Test
    void dealJsonCarriesTheSql() throws IOException {
        Run run = run("deal", "Vertex Analytics - Platform Migration", "--json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/probability/evidenceAdjusted").asInt()).isLessThan(75);
        assertThat(json.get("queries").size()).isPositive();
        assertThat(json.at("/queries/0/sql").asText()).containsIgnoringCase("from opportunity_d");
    }

    @Test
    void anUnknownDealExits1WithOneLine() {
        Run run = run("deal", "No Such Deal Anywhere");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("revbot: no opportunity matches 'No Such Deal Anywhere'");
    }

    @Test
    void churnListsTheUsageCliffAccountsFirstAndTheConversionCandidates() {
        Run run = run("churn", "--top", "5");

        assertThat(run.exit()).as(run.err()).isZero();
        String commit = run.out()
                .substring(run.out().indexOf("Commit customers:"), run.out().indexOf("PLG customers:"));
        assertThat(commit.lines().skip(1).limit(3).toList())
                .anySatisfy(l -> assertThat(l).contains("Northwind Logistics"))
                .anySatisfy(l -> assertThat(l).contains("Helix Biotech"))
                .anySatisfy(l -> assertThat(l).contains("Quanta Retail"));
        assertThat(run.out())
                .contains("Lumen Labs")
                .contains("Brightpath AI")
                .contains("Cobalt Data")
                .contains("Atlas Mobility");
    }

    @Test
    void pipelineByRegionWithTheConfiguredTarget() {
        Run run = run("pipeline", "--quarter", "2026-Q1", "--by", "region");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("2026-Q1")
                .contains("target $2,500,000")
                .contains("By region:")
                .contains("EMEA");
        assertThat(run("pipeline", "--by", "planet").exit()).isEqualTo(2);
    }

    @Test
    void leadScoresMayaChenIdeal() {
        Run run = run("lead", "--name", "Maya Chen", "--company", "StreamForge");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Ideal").contains("P1");
        assertThat(run("lead", "--new-since", "30d").exit()).isZero();
    }

    @Test
    void leadNewSinceScoresEveryLeadExactlyAsLeadScoresItAlone() throws IOException {
        Run batch = run("lead", "--new-since", "30d", "--json");
        assertThat(batch.exit()).as(batch.err()).isZero();
        JsonNode leads = new ObjectMapper().readTree(batch.out()).get("leads");
        assertThat(leads.size()).as("leads created in the last 30 days").isGreaterThanOrEqualTo(10);

        for (JsonNode line : leads) {
            Run single = run(
                    "lead",
                    "--name",
                    line.get("name").asText(),
                    "--company",
                    line.get("company").asText(),
                    "--json");
            assertThat(single.exit()).as(line + "\n" + single.err()).isZero();
            JsonNode alone = new ObjectMapper().readTree(single.out());
            String who = line.get("name").asText() + " @ " + line.get("company").asText();
            assertThat(alone.at("/person/id").asText())
                    .as(who)
                    .isEqualTo(line.get("leadId").asText());
            assertThat(alone.get("score").asDouble())
                    .as(who)
                    .isEqualTo(line.get("score").asDouble());
            assertThat(alone.get("band").asText())
                    .as(who)
                    .isEqualTo(line.get("band").asText());
            assertThat(alone.get("confidence").asText())
                    .as(who)
                    .isEqualTo(line.get("confidence").asText());
            assertThat(alone.get("missingFacts")).as(who).isEqualTo(line.get("missingFacts"));
        }
    }

    @Test
    void leadForSomeoneTheCrmDoesNotKnowIsAProvisionalAssessmentWithItsConfidence() {
        Run run = run("lead", "--name", "John Smith", "--company", "DataCorp");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("John Smith")
                .contains("not in the CRM: provisional assessment")
                .contains("confidence LOW")
                .contains("Still missing")
                .contains("Note: Provisional");
    }

    @Test
    void competitorsQuoteTheCompetitiveDeal() {
        Run run = run("competitors", "--account", "Orion Health");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Snowflake").contains("Databricks").contains("Quotes:");
    }
}
