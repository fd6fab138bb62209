package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.analytics.IcpModel.Confidence;
import io.revbot.tools.demo.PlantedStories;
import io.revbot.tools.websearch.WebSearch;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lead assessment on the generated demo warehouse: one scoring path, and people the CRM does not know. */
class LeadAssessorTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 16);
    static final Clock CLOCK = Clock.fixed(AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    static SchemaDatabase db;
    static LeadAssessor leads;

    @BeforeAll
    static void generate() {
        db = SchemaDatabase.demo(AS_OF);
        leads = new LeadAssessor(db, CLOCK);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static LeadAssessment found(Outcome<LeadAssessment> outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(Outcome.Found.class);
        return ((Outcome.Found<LeadAssessment>) outcome).value();
    }

    /** A search provider answering from a script, recording the queries it was asked. */
    static final class ScriptedSearch implements WebSearch {
        final List<String> queries = new ArrayList<>();
        final List<Result> results;
        final boolean fail;

        ScriptedSearch(List<Result> results, boolean fail) {
            this.results = results;
            this.fail = fail;
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public List<Result> search(String query, int maxResults) {
            queries.add(query);
            if (fail) {
                throw new UpstreamException("tavily", "HTTP 503: overloaded", true);
            }
            return results.subList(0, Math.min(maxResults, results.size()));
        }
    }

    @Test
    void everyNewLeadScoresInTheBatchExactlyAsItScoresAlone() {
        LeadAssessment.Batch batch = leads.assessNewSince(AS_OF.minusDays(60));
        assertThat(batch.leads()).hasSizeGreaterThanOrEqualTo(20);

        for (LeadAssessment.Line line : batch.leads()) {
            LeadAssessment alone = found(leads.assess(line.name(), line.company(), null));
            assertThat(alone.person().id()).isEqualTo(line.leadId());
            assertThat(alone.score()).as(line.name()).isEqualTo(line.score());
            assertThat(alone.band()).as(line.name()).isEqualTo(line.band());
            assertThat(alone.confidence()).as(line.name()).isEqualTo(line.confidence());
            assertThat(alone.missingFacts()).as(line.name()).isEqualTo(line.missingFacts());
            assertThat(
                            alone.relationship() == null
                                    ? null
                                    : alone.relationship().summary())
                    .isEqualTo(line.relationship());
        }
    }

    @Test
    void theIdealLeadStillCountsItsCallsAndItsCompanysAccount() {
        LeadAssessment maya = found(leads.assess(PlantedStories.IDEAL_LEAD, PlantedStories.IDEAL_LEAD_COMPANY, null));

        assertThat(maya.provisional()).isFalse();
        assertThat(maya.company().accountId()).isNotNull();
        assertThat(maya.company().factsFrom()).contains("lead record").contains("CRM account StreamForge");
        assertThat(maya.parts().get(2).criteria())
                .anySatisfy(s -> assertThat(s.criterion()).isEqualTo("engagement (calls)"))
                .filteredOn(s -> s.criterion().equals("engagement (calls)"))
                .allSatisfy(s -> assertThat(s.points()).isPositive());
    }

    @Test
    void someoneTheCrmDoesNotKnowGetsAProvisionalLowConfidenceAssessmentNamingWhatIsMissing() {
        LeadAssessment john = found(leads.assess("John Smith", "DataCorp", null));

        assertThat(john.provisional()).isTrue();
        assertThat(john.person().source()).isEqualTo("prospect");
        assertThat(john.person().id()).isNull();
        assertThat(john.confidence()).isEqualTo(Confidence.LOW);
        assertThat(john.missingFacts())
                .contains(
                        "industry (company website, LinkedIn)",
                        "employee count (LinkedIn, company website)",
                        "the person's title (LinkedIn)");
        assertThat(john.notes().getFirst()).startsWith("Provisional: John Smith at DataCorp is in neither");
        assertThat(john.notes())
                .anySatisfy(n -> assertThat(n).contains("no CRM account named 'DataCorp'"))
                .anySatisfy(n -> assertThat(n).contains("web search is not configured"));
        assertThat(john.relationship()).isNull();
    }

    @Test
    void aProspectAtACompanyWithAnOpenDealIsScoredFromItsAccountAndNamesTheDealOwner() {
        LeadAssessment a = found(leads.assess("Jordan Example", PlantedStories.DISCOVERY_ONLY_ACCOUNT, null, "CTO"));

        assertThat(a.provisional()).isTrue();
        assertThat(a.company().factsFrom()).contains("CRM account Vertex Analytics (matched by company name)");
        assertThat(a.company().industry()).isNotNull();
        assertThat(a.parts().get(2).criteria().getFirst().basis()).contains("decision maker");
        assertThat(a.relationship()).isNotNull();
        assertThat(a.relationship().openDeals())
                .extracting(LeadAssessment.OpenDeal::name)
                .contains(PlantedStories.DISCOVERY_ONLY_OPPORTUNITY);
        assertThat(a.relationship().openDeals())
                .allSatisfy(d -> assertThat(d.owner()).isNotBlank());
        assertThat(a.relationship().summary())
                .contains("Vertex Analytics has")
                .contains(PlantedStories.DISCOVERY_ONLY_OPPORTUNITY)
                .contains("owner");
        assertThat(a.confidence()).isIn(Confidence.LOW, Confidence.MEDIUM);
    }

    @Test
    void aWorkEmailFindsTheCustomerAccountByItsDomainAndSaysItIsAnExistingCustomer() {
        String domain = db.text(
                "select sf_company_domain from salesforce_account_d where sf_account_name = ?",
                PlantedStories.RUNNING_HOT_ACCOUNT);

        LeadAssessment a = found(leads.assess("Pat Newhire", null, "pat.newhire@" + domain));

        assertThat(a.company().factsFrom()).contains("matched by email domain");
        assertThat(a.relationship()).isNotNull();
        assertThat(a.relationship().accountType()).isEqualTo("Commit Customer");
        assertThat(a.relationship().accountOwner()).isNotBlank();
        assertThat(a.relationship().summary())
                .startsWith(PlantedStories.RUNNING_HOT_ACCOUNT + " is an existing Commit Customer (account owner "
                        + a.relationship().accountOwner() + ")");
    }

    @Test
    void aNameAloneThatMatchesNobodyIsNotFoundAndSaysWhatWouldHelp() {
        Outcome<LeadAssessment> outcome = leads.assess("John Smith", null, "john@gmail.com");

        assertThat(outcome).isInstanceOf(Outcome.NotFound.class);
        assertThat(outcome.message()).contains("give --company (or a work email)");
    }

    @Test
    void webSearchHitsAboutAnUnknownCompanyAreShownAndFeedTheTechnicalFitAsUnverified() {
        ScriptedSearch search = new ScriptedSearch(
                List.of(new WebSearch.Result(
                        "DataCorp engineering blog",
                        "https://datacorp.example/blog",
                        "DataCorp runs real-time analytics on AWS with Snowflake and Kafka.",
                        Optional.empty())),
                false);
        LeadAssessor withSearch = new LeadAssessor(db, CLOCK, Optional.of(search));

        LeadAssessment without = found(leads.assess("John Smith", "DataCorp", null));
        LeadAssessment with = found(withSearch.assess("John Smith", "DataCorp", null));

        assertThat(search.queries).singleElement().asString().contains("\"DataCorp\"");
        assertThat(with.webFacts())
                .extracting(LeadAssessment.WebFact::url)
                .containsExactly("https://datacorp.example/blog");
        assertThat(with.score()).isGreaterThan(without.score());
        assertThat(with.missingFacts()).doesNotContain("cloud provider (job postings, engineering blog)");
        assertThat(with.notes()).anySatisfy(n -> assertThat(n).contains("web search results (unverified)"));
        assertThat(with.provisional()).isTrue();
    }

    @Test
    void aFailingSearchProviderIsANoteNotAFailedAssessment() {
        LeadAssessor failing = new LeadAssessor(db, CLOCK, Optional.of(new ScriptedSearch(List.of(), true)));

        LeadAssessment a = found(failing.assess("John Smith", "DataCorp", null));

        assertThat(a.webFacts()).isEmpty();
        assertThat(a.notes())
                .anySatisfy(n -> assertThat(n).contains("web search failed").contains("503"));
    }
}
