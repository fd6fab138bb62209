package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tools return typed outcomes as JSON, report their SQL to the run, and refuse bad arguments in words. */
class AnalyticsToolsTest {
    static SchemaDatabase db;
    static AnalyticsTools tools;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() {
        db = DealFixtures.load(new SchemaDatabase());
        Clock clock = Clock.fixed(DealFixtures.TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        tools = new AnalyticsTools(new RevenueAnalytics(db, clock, FiscalCalendar.calendarQuarters(), null));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Records what a tool tells the run. */
    static final class Recorder implements ToolObserver {
        final List<Map.Entry<String, Object>> facts = new ArrayList<>();

        @Override
        public void fact(String name, Object value) {
            facts.add(Map.entry(name, value));
        }

        @Override
        public void knowledgeReference(String document, String section, double score) {}
    }

    @Test
    void dealReviewReturnsTheReviewAndReportsEachStatementAsASqlFact() throws Exception {
        Recorder recorder = new Recorder();
        String result = ToolObserver.runWith(recorder, () -> tools.dealReview("Acme Corp - Platform Migration"));

        JsonNode json = JSON.readTree(result);
        assertThat(json.get("outcome").asText()).isEqualTo("found");
        assertThat(json.at("/probability/crm").asInt()).isEqualTo(75);
        assertThat(json.has("queries"))
                .as("the model's copy leaves the SQL to the run events")
                .isFalse();
        assertThat(recorder.facts)
                .filteredOn(f -> f.getKey().equals("sql"))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.getValue().toString()).startsWith("select"));
    }

    @Test
    void ambiguousAndUnknownDealsAreOutcomesTheModelCanActOn() throws Exception {
        JsonNode ambiguous = JSON.readTree(tools.dealReview("Acme"));
        JsonNode unknown = JSON.readTree(tools.dealReview("Globex"));

        assertThat(ambiguous.get("outcome").asText()).isEqualTo("ambiguous");
        assertThat(ambiguous.get("candidates")).hasSize(2);
        assertThat(unknown.get("outcome").asText()).isEqualTo("not_found");
        assertThat(unknown.get("message").asText()).contains("Globex");
    }

    @Test
    void badArgumentsAreToolErrorsInWords() {
        assertThatThrownBy(() -> tools.pipelineForecast(null, "planet"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("region, owner, stage or type");
        assertThatThrownBy(() -> tools.competitorMentions(null, "last tuesday"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("2026-01-31");
        assertThatThrownBy(() -> tools.churnRisk(null, 0)).isInstanceOf(ToolException.class);
    }

    @Test
    void aBadQuarterAndEmptyDataAreTypedOutcomes() throws Exception {
        assertThat(JSON.readTree(tools.pipelineForecast("Q5 of 2026", null))
                        .get("outcome")
                        .asText())
                .isEqualTo("not_found");
        JsonNode churn = JSON.readTree(tools.churnRisk(null, 5));
        assertThat(churn.get("outcome").asText()).isEqualTo("not_found");
        assertThat(churn.get("message").asText()).contains("no commit or PLG customers");
    }

    @Test
    void anUnknownPersonIsAssessedProvisionallyAndAContactIsScoredFromItsAccount() throws Exception {
        JsonNode nobody = JSON.readTree(tools.leadAssessment("Nobody Here", "Nowhere Inc", null, null, null));
        assertThat(nobody.get("outcome").asText()).isEqualTo("found");
        assertThat(nobody.get("provisional").asBoolean()).isTrue();
        assertThat(nobody.get("confidence").asText()).isEqualTo("LOW");
        assertThat(JSON.readTree(tools.leadAssessment("Nobody Here", null, null, null, null))
                        .get("outcome")
                        .asText())
                .as("a name alone says nothing about the company")
                .isEqualTo("not_found");
        JsonNode sam = JSON.readTree(tools.leadAssessment("Sam Ortiz", "Beta", null, null, null));
        assertThat(sam.get("outcome").asText()).isEqualTo("found");
        assertThat(sam.at("/person/source").asText()).isEqualTo("contact");
        assertThat(sam.at("/company/accountId").asText()).isEqualTo("A2");
        assertThat(sam.get("missingFacts")).isNotEmpty();
    }
}
