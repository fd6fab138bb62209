package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DealReviewerTest {
    static SchemaDatabase db;
    static DealReviewer reviewer;

    @BeforeAll
    static void load() {
        db = DealFixtures.load(new SchemaDatabase());
        reviewer = new DealReviewer(
                db, Clock.fixed(DealFixtures.TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static DealReview found(String q) {
        Outcome<DealReview> outcome = reviewer.review(q);
        assertThat(outcome).isInstanceOf(Outcome.Found.class);
        return ((Outcome.Found<DealReview>) outcome).value();
    }

    @Test
    void aNegotiateDealOnDiscoveryOnlyCallsGetsAProbabilityWellBelowTheCrmWithTheReasons() {
        DealReview review = found("Acme Corp - Platform Migration");

        assertThat(review.probability().crm()).isEqualTo(75);
        assertThat(review.probability().evidenceAdjusted()).isLessThanOrEqualTo(40);
        assertThat(review.probability().reasons())
                .anySatisfy(r -> assertThat(r).contains("discovery"))
                .anySatisfy(r -> assertThat(r).contains("economic buyer").contains("never attended"));
        assertThat(review.calls().onlyDiscovery()).isTrue();
        assertThat(review.calls().economicBuyerEverJoined()).isFalse();
        assertThat(entry(review, Element.ECONOMIC_BUYER).status()).isEqualTo(Status.PARTIAL);
        assertThat(entry(review, Element.ECONOMIC_BUYER).crmStatus()).isEqualTo(Status.STRONG);
        assertThat(entry(review, Element.PAPER_PROCESS).status())
                .as("calls deny a paper process the CRM calls Green")
                .isEqualTo(Status.MISSING);
        assertThat(review.exitCriteria()).anySatisfy(e -> assertThat(e.met()).isFalse());
    }

    @Test
    void theDryNumbersResolveTheOwnerAndCountDays() {
        DealReview review = found("O1");

        assertThat(review.deal().ownerName()).isEqualTo("Alex Morgan");
        assertThat(review.deal().acv()).isEqualTo(160_000.0);
        assertThat(review.deal().daysInStage()).isEqualTo(40);
        assertThat(review.deal().daysToClose()).isEqualTo(20);
        assertThat(review.calls().recent()).first().satisfies(c -> {
            assertThat(c.date()).isEqualTo(DealFixtures.TODAY.minusDays(30));
            assertThat(c.attendees()).contains("Raj Patel (Data Engineering Manager)");
        });
        assertThat(review.queries())
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q.sql()).doesNotContain("Acme"));
    }

    @Test
    void aWellEvidencedNegotiateDealKeepsMostOfItsCrmProbability() {
        DealReview review = found("Beta Co - Realtime Analytics");

        assertThat(review.probability().evidencedStage())
                .as(AnalyticsJson.pretty(review.exitCriteria()) + AnalyticsJson.pretty(review.scorecard()))
                .isEqualTo("Negotiate");
        assertThat(review.probability().evidenceAdjusted()).isBetween(60, 75);
        assertThat(review.calls().economicBuyerEverJoined()).isTrue();
        assertThat(entry(review, Element.PAPER_PROCESS).status()).isEqualTo(Status.STRONG);
        assertThat(review.calls().competitorsNamed()).containsExactly("Snowflake");
        assertThat(review.risks()).anySatisfy(f -> assertThat(f.category()).isEqualTo(DealReview.Category.COMPETITIVE));
    }

    @Test
    void severalMatchingDealsAreListedToChooseFrom() {
        Outcome<DealReview> outcome = reviewer.review("acme");

        assertThat(outcome).isInstanceOf(Outcome.Ambiguous.class);
        assertThat(((Outcome.Ambiguous<DealReview>) outcome).candidates())
                .extracting(Outcome.Candidate::id)
                .containsExactlyInAnyOrder("O1", "O3");
    }

    @Test
    void anUnknownDealIsATypedOutcomeNotAnException() {
        assertThat(reviewer.review("Nonexistent Deal"))
                .isInstanceOfSatisfying(
                        Outcome.NotFound.class, n -> assertThat(n.message()).contains("no opportunity matches"));
        assertThat(reviewer.review("  ")).isInstanceOf(Outcome.NotFound.class);
    }

    @Test
    void aDealWithoutCallsKeepsItsCrmStatusesButSaysTheyAreUnverified() {
        DealReview review = found("Acme Corp - Expansion");

        assertThat(review.calls().total()).isZero();
        assertThat(review.risks()).anySatisfy(f -> assertThat(f.text()).contains("no calls"));
    }

    private static DealReview.ScorecardEntry entry(DealReview review, Element element) {
        return review.scorecard().stream()
                .filter(e -> e.element() == element)
                .findFirst()
                .orElseThrow();
    }
}
