package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.analytics.ChurnModel.Band;
import io.revbot.tools.analytics.ChurnReport.AccountRisk;
import io.revbot.tools.analytics.ConsumptionRules.Anomaly;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import io.revbot.tools.demo.PlantedStories;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every analysis on the generated demo warehouse (scale 1, pinned as-of and clock) finds the planted stories. */
class DemoDataAnalyticsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 16);
    static SchemaDatabase db;
    static RevenueAnalytics analytics;

    @BeforeAll
    static void generate() {
        db = SchemaDatabase.demo(AS_OF);
        Clock clock = Clock.fixed(AS_OF.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        analytics = new RevenueAnalytics(db, clock, FiscalCalendar.calendarQuarters(), 2_000_000.0);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static <T> T found(Outcome<T> outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(Outcome.Found.class);
        return ((Outcome.Found<T>) outcome).value();
    }

    @Test
    void theUsageCliffAccountsRankAtTheTopOfChurnRisk() {
        ChurnReport report = found(analytics.churn().score(null, 10));

        assertThat(report.commitCustomers().subList(0, 3))
                .as(AnalyticsJson.pretty(report.commitCustomers().subList(0, 6)))
                .extracting(AccountRisk::accountName)
                .containsExactlyInAnyOrderElementsOf(PlantedStories.USAGE_CLIFF_ACCOUNTS);
        AccountRisk quanta = report.commitCustomers().stream()
                .filter(a -> a.accountName().equals(PlantedStories.STOPPED_ACCOUNT))
                .findFirst()
                .orElseThrow();
        assertThat(quanta.usage().trend()).isEqualTo(Trend.INACTIVE);
        assertThat(quanta.anomalies()).contains(Anomaly.COMPLETE_STOP);
        assertThat(report.commitCustomers().subList(0, 3)).allSatisfy(a -> {
            assertThat(a.band()).isIn(Band.HIGH, Band.CRITICAL);
            assertThat(a.anomalies()).contains(Anomaly.MAJOR_DECLINE);
            assertThat(a.signals()).isNotEmpty();
        });
        assertThat(report.customersScored()).isGreaterThan(200);
        assertThat(report.queries()).isNotEmpty();
    }

    @Test
    void theNegotiateDealOnDiscoveryOnlyCallsIsWellBelowItsCrmProbabilityAndSaysWhy() {
        DealReview review = found(analytics.deals().review(PlantedStories.DISCOVERY_ONLY_OPPORTUNITY));

        assertThat(review.deal().stage()).isEqualTo("Negotiate");
        assertThat(review.probability().crm()).isEqualTo(75);
        assertThat(review.probability().evidenceAdjusted()).isLessThanOrEqualTo(45);
        assertThat(review.calls().onlyDiscovery()).isTrue();
        assertThat(review.calls().economicBuyerEverJoined()).isFalse();
        assertThat(review.probability().reasons())
                .anySatisfy(r -> assertThat(r).contains("discovery"))
                .anySatisfy(r -> assertThat(r).contains("never attended"))
                .anySatisfy(r -> assertThat(r).contains("paper process"));
        assertThat(review.deal().ownerName()).doesNotStartWith("005");
    }

    @Test
    void theConversionReadyPlgAccountsAndTheRunningHotCommitAccountAreListed() {
        ExpansionReport report = analytics.expansion().find();

        assertThat(report.plgConversion())
                .extracting(ExpansionReport.ConversionCandidate::accountName)
                .containsExactlyInAnyOrderElementsOf(PlantedStories.READY_TO_CONVERT_ACCOUNTS);
        assertThat(report.commitExpansion())
                .extracting(ExpansionReport.ExpansionCandidate::accountName)
                .containsExactly(PlantedStories.RUNNING_HOT_ACCOUNT);
        assertThat(report.commitExpansion().getFirst().ratio()).isGreaterThan(1.2);
    }

    @Test
    void mayaChenScoresIdealAndTomBeckerPoorOrNoFit() {
        LeadAssessment maya =
                found(analytics.leads().assess(PlantedStories.IDEAL_LEAD, PlantedStories.IDEAL_LEAD_COMPANY, null));
        LeadAssessment tom =
                found(analytics.leads().assess(PlantedStories.POOR_LEAD, PlantedStories.POOR_LEAD_COMPANY, null));

        assertThat(maya.score()).as(AnalyticsJson.pretty(maya.parts())).isGreaterThanOrEqualTo(80);
        assertThat(maya.band()).isEqualTo(IcpModel.Band.IDEAL);
        assertThat(maya.priority()).isEqualTo(IcpModel.Priority.P1);
        assertThat(tom.band()).as(AnalyticsJson.pretty(tom.parts())).isIn(IcpModel.Band.POOR, IcpModel.Band.NO_FIT);
        assertThat(tom.priority()).isEqualTo(IcpModel.Priority.P4);
    }

    @Test
    void theCompetitiveDealShowsSnowflakeAndDatabricksWithQuotes() {
        CompetitorReport report = found(analytics.competitors().mentions(PlantedStories.COMPETITIVE_ACCOUNT, null));

        assertThat(report.competitors())
                .extracting(CompetitorReport.CompetitorCount::competitor)
                .contains("Snowflake", "Databricks");
        assertThat(report.quotes()).anySatisfy(q -> {
            assertThat(q.text()).containsIgnoringCase("snowflake");
            assertThat(q.date()).isNotNull();
        });
        assertThat(report.byStage()).extracting(CompetitorReport.Breakdown::key).contains("Proof of Concept");
    }

    @Test
    void pipelineTotalsMatchIndependentSql() {
        PipelineForecast f = found(analytics.pipeline().forecast("2026-Q1", null));
        LocalDate start = LocalDate.of(2026, 1, 1), end = LocalDate.of(2026, 3, 31);

        double open = db.number(
                "select sum(amount) from opportunity_d where stage_name not in ('Closed Won', 'Closed Lost')"
                        + " and close_date between ? and ?",
                start,
                end);
        double weighted = db.number(
                "select sum(amount * probability / 100.0) from opportunity_d"
                        + " where stage_name not in ('Closed Won', 'Closed Lost') and close_date between ? and ?",
                start,
                end);
        double won = db.number(
                "select sum(amount) from opportunity_d where stage_name = 'Closed Won'"
                        + " and coalesce(closed_at_date, close_date) between ? and ?",
                start,
                AS_OF);
        double openCount = db.number(
                "select count(*) from opportunity_d where stage_name not in ('Closed Won', 'Closed Lost')"
                        + " and close_date between ? and ?",
                start,
                end);

        assertThat(f.totals().openAmount()).isCloseTo(open, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.totals().weightedAmount()).isCloseTo(weighted, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.totals().closedWonToDate()).isCloseTo(won, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.totals().openDeals()).isEqualTo((int) openCount);
        assertThat(f.categories().stream()
                        .mapToDouble(PipelineForecast.CategoryTotal::amount)
                        .sum())
                .isCloseTo(open, org.assertj.core.data.Offset.offset(0.05));
        assertThat(open).isPositive();
        assertThat(f.daysElapsed()).isEqualTo(75);
        assertThat(f.comparison().currentDays()).isEqualTo(75);
        assertThat(f.comparison().previousDays()).isEqualTo(92);
        assertThat(f.target().remaining())
                .isCloseTo(Math.max(0, 2_000_000 - won), org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.slipping())
                .anySatisfy(s ->
                        assertThat(s.reasons()).anySatisfy(r -> assertThat(r).contains("close date passed")));
    }

    @Test
    void pipelineByRegionAddsUpToTheTotal() {
        PipelineForecast f = found(analytics.pipeline().forecast("2026-Q1", PipelineForecaster.Dimension.REGION));

        assertThat(f.groups()).extracting(PipelineForecast.GroupTotal::key).contains("NA", "EMEA");
        assertThat(f.groups().stream()
                        .mapToDouble(PipelineForecast.GroupTotal::openAmount)
                        .sum())
                .isCloseTo(f.totals().openAmount(), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void newLeadsAreScoredInBatchBestFirst() {
        LeadAssessment.Batch batch = analytics.leads().assessNewSince(AS_OF.minusDays(30));

        assertThat(batch.leads()).isNotEmpty();
        List<Double> scores =
                batch.leads().stream().map(LeadAssessment.Line::score).toList();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
