package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.analytics.ChurnModel.Band;
import io.revbot.tools.analytics.ChurnModel.Component;
import io.revbot.tools.analytics.ConsumptionRules.Anomaly;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import io.revbot.tools.analytics.ConsumptionRules.UsageWindow;
import io.revbot.tools.analytics.IcpModel.Inputs;
import io.revbot.tools.analytics.IcpModel.Result;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Scores stay within bounds and agree with the documented bands, weights and confidence thresholds (written out
 * here, not read from the code under test), for any input; two leads scored by hand.
 */
class ScoringPropertiesTest {

    /** The bands of the ICP document, written out here rather than taken from the code under test. */
    static IcpModel.Band documentedBand(double score) {
        if (score >= 80) return IcpModel.Band.IDEAL;
        if (score >= 60) return IcpModel.Band.GOOD;
        if (score >= 40) return IcpModel.Band.MODERATE;
        if (score >= 20) return IcpModel.Band.POOR;
        return IcpModel.Band.NO_FIT;
    }

    static final Map<IcpModel.Band, IcpModel.Priority> DOCUMENTED_PRIORITY = Map.of(
            IcpModel.Band.IDEAL, IcpModel.Priority.P1,
            IcpModel.Band.GOOD, IcpModel.Priority.P2,
            IcpModel.Band.MODERATE, IcpModel.Priority.P3,
            IcpModel.Band.POOR, IcpModel.Priority.P4,
            IcpModel.Band.NO_FIT, IcpModel.Priority.P4);

    @Property
    void icp_scores_stay_within_0_and_100_and_agree_with_the_documented_bands_weights_and_confidence(
            @ForAll("icpInputs") Inputs in) {
        Result r = IcpModel.score(in);

        assertThat(r.score()).isBetween(0.0, 100.0);
        assertThat(r.band()).isEqualTo(documentedBand(r.score()));
        assertThat(r.priority()).isEqualTo(DOCUMENTED_PRIORITY.get(r.band()));
        // From the criteria's own points, with the documented weights 0.4 / 0.3 / 0.3 and each part capped at 100.
        assertThat(r.parts())
                .extracting(IcpModel.Part::name)
                .containsExactly("company fit", "technical fit", "business fit");
        double[] weights = {0.4, 0.3, 0.3};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            int points = r.parts().get(i).criteria().stream()
                    .mapToInt(IcpModel.Scored::points)
                    .sum();
            assertThat(points).isBetween(0, 100);
            expected += weights[i] * Math.min(100, points);
        }
        assertThat(r.score()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
        // Ten criteria; confidence High from 80 % of them known, Medium from 50 %.
        long known = r.parts().stream()
                .flatMap(p -> p.criteria().stream())
                .filter(IcpModel.Scored::known)
                .count();
        assertThat(r.parts().stream().mapToInt(p -> p.criteria().size()).sum()).isEqualTo(10);
        assertThat(r.missing()).hasSize(10 - (int) known);
        assertThat(r.confidence())
                .isEqualTo(
                        known >= 8
                                ? IcpModel.Confidence.HIGH
                                : known >= 5 ? IcpModel.Confidence.MEDIUM : IcpModel.Confidence.LOW);
    }

    @Property
    void more_calls_with_the_person_never_lower_the_score(
            @ForAll("icpInputs") Inputs in, @ForAll @IntRange(min = 0, max = 5) int more) {
        int calls = in.calls() == null ? 0 : in.calls();
        Inputs withMore = new Inputs(
                in.industry(),
                in.employees(),
                in.revenueUsd(),
                in.technicalText(),
                in.stackText(),
                in.title(),
                calls + more,
                in.leadSource());
        assertThat(IcpModel.score(withMore).score())
                .isGreaterThanOrEqualTo(IcpModel.score(new Inputs(
                                in.industry(),
                                in.employees(),
                                in.revenueUsd(),
                                in.technicalText(),
                                in.stackText(),
                                in.title(),
                                calls,
                                in.leadSource()))
                        .score());
    }

    @Example
    void an_ideal_lead_scores_as_computed_by_hand() {
        // company 40 + 40 + 20 = 100; technical 25 (AWS) + 35 (real-time) + 20 (TB) + 20 (Snowflake) = 100;
        // business 50 (VP in data) + 30 (2 calls) + 15 (webinar) = 95; 0.4 × 100 + 0.3 × 100 + 0.3 × 95 = 98.5
        Result r = IcpModel.score(new Inputs(
                "SaaS",
                450L,
                85_000_000.0,
                "real-time analytics on AWS, 5 TB a day",
                "AWS, Snowflake",
                "VP Data Engineering",
                2,
                "Webinar"));

        assertThat(r.score()).isEqualTo(98.5);
        assertThat(r.band()).isEqualTo(IcpModel.Band.IDEAL);
        assertThat(r.priority()).isEqualTo(IcpModel.Priority.P1);
        assertThat(r.completeness()).isEqualTo(1.0);
        assertThat(r.confidence()).isEqualTo(IcpModel.Confidence.HIGH);
    }

    @Example
    void a_small_office_lead_scores_as_computed_by_hand() {
        // company 15 (healthcare: neither listed) + 0 (8 employees) + 10 ($1.2M) = 25; technical: all four unknown,
        // 10 each = 40; business 0 (office manager) + 0 (no calls) + 10 (website) = 10;
        // 0.4 × 25 + 0.3 × 40 + 0.3 × 10 = 25.0; six of ten criteria known = 0.6, Medium
        Result r =
                IcpModel.score(new Inputs("Healthcare", 8L, 1_200_000.0, null, null, "Office Manager", 0, "Website"));

        assertThat(r.score()).isEqualTo(25.0);
        assertThat(r.band()).isEqualTo(IcpModel.Band.POOR);
        assertThat(r.priority()).isEqualTo(IcpModel.Priority.P4);
        assertThat(r.completeness()).isEqualTo(0.6);
        assertThat(r.confidence()).isEqualTo(IcpModel.Confidence.MEDIUM);
        assertThat(r.missing())
                .containsExactly("cloud", "use case and latency", "data volume and concurrency", "data stack");
    }

    @Property
    void icp_bands_partition_the_scale(@ForAll @DoubleRange(min = 0, max = 100) double score) {
        IcpModel.Band band = IcpModel.Band.of(score);
        assertThat(score).isGreaterThanOrEqualTo(band.minimum());
        if (band.ordinal() > 0) {
            assertThat(score).isLessThan(IcpModel.Band.values()[band.ordinal() - 1].minimum());
        }
    }

    @Property
    void churn_bands_partition_the_scale(@ForAll @IntRange(min = 0, max = 100) int score) {
        Band band = Band.of(score);
        assertThat(score).isLessThanOrEqualTo(band.upTo());
        if (band.ordinal() > 0) {
            assertThat(score).isGreaterThan(Band.values()[band.ordinal() - 1].upTo());
        }
    }

    @Property
    void churn_component_risks_and_the_weighted_score_stay_within_bounds(
            @ForAll @DoubleRange(min = 0, max = 1_000) double last7,
            @ForAll @DoubleRange(min = 0, max = 1_000) double extra30,
            @ForAll @DoubleRange(min = 0, max = 5_000) double extra90,
            @ForAll @IntRange(min = -1, max = 400) int daysSilent,
            @ForAll @IntRange(min = 0, max = 1_000) int days,
            @ForAll @DoubleRange(min = 0, max = 5) double utilisation) {
        LocalDate through = LocalDate.of(2026, 3, 15);
        double last30 = last7 + extra30;
        UsageWindow w = new UsageWindow(
                last7, last30, last30 + extra90, daysSilent < 0 ? null : through.minusDays(daysSilent), through);
        Trend trend = ConsumptionRules.trend(w);
        List<Anomaly> anomalies = ConsumptionRules.anomalies(w);
        int usage = ChurnModel.usageRisk(trend, anomalies);
        int[] risks = {
            usage,
            ChurnModel.ENGAGEMENT_DAYS_SINCE_CALL.risk(days),
            ChurnModel.BUSINESS_UTILISATION.risk(utilisation),
            ChurnModel.CONTRACT_DAYS_TO_RENEWAL.risk(days),
            ChurnModel.IMPLEMENTATION_ACTIVE_DAYS.risk(days % 31),
            ChurnModel.TEAM_CONTACTS.risk(days % 6)
        };
        for (int risk : risks) {
            assertThat(risk).isBetween(0, 100);
        }
        for (Map<Component, Integer> weights : ChurnModel.WEIGHTS.values()) {
            double score = 0;
            int i = 0;
            for (int weight : weights.values()) {
                score += weight / 100.0 * risks[i++ % risks.length];
            }
            assertThat(score).isBetween(0.0, 100.0);
        }
    }

    @Property
    void an_inactive_account_is_never_scored_lower_than_a_stable_one(
            @ForAll @DoubleRange(min = 1, max = 1_000) double daily) {
        LocalDate through = LocalDate.of(2026, 3, 15);
        UsageWindow stable = new UsageWindow(daily * 7, daily * 30, daily * 90, through, through);
        UsageWindow stopped = new UsageWindow(0, daily * 10, daily * 70, through.minusDays(20), through);
        assertThat(ChurnModel.usageRisk(ConsumptionRules.trend(stopped), ConsumptionRules.anomalies(stopped)))
                .isGreaterThan(
                        ChurnModel.usageRisk(ConsumptionRules.trend(stable), ConsumptionRules.anomalies(stable)));
    }

    @Property(tries = 1)
    void weights_sum_to_one() {
        assertThat(IcpModel.COMPANY_WEIGHT + IcpModel.TECHNICAL_WEIGHT + IcpModel.BUSINESS_WEIGHT)
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        ChurnModel.WEIGHTS.forEach((type, weights) -> assertThat(
                        weights.values().stream().mapToInt(Integer::intValue).sum())
                .as(type.name())
                .isEqualTo(100));
        assertThat(IcpModel.CLOUD.max() + IcpModel.USE_CASE.max() + IcpModel.SCALE.max() + IcpModel.STACK.max())
                .isEqualTo(100);
    }

    @Provide
    Arbitrary<Inputs> icpInputs() {
        Arbitrary<String> industry = Arbitraries.of(
                        "SaaS", "Software", "Healthcare", "Government", "Retail", "Dental", "Mining")
                .injectNull(0.2);
        Arbitrary<Long> employees = Arbitraries.longs().between(0, 200_000).injectNull(0.2);
        Arbitrary<Double> revenue = Arbitraries.doubles().between(0, 5e10).injectNull(0.2);
        Arbitrary<String> text = Arbitraries.of(
                        "real-time analytics on AWS, 5 TB, Snowflake",
                        "internal dashboards on Azure",
                        "reporting with dbt and Looker",
                        "nothing relevant")
                .injectNull(0.3);
        Arbitrary<String> title = Arbitraries.of(
                        "VP Data Engineering",
                        "Office Manager",
                        "Data Engineer",
                        "CTO",
                        "Analytics Manager",
                        "VP Sales")
                .injectNull(0.2);
        Arbitrary<Integer> calls = Arbitraries.integers().between(0, 20).injectNull(0.2);
        Arbitrary<String> source =
                Arbitraries.of("Referral", "Website", "Outbound", "Partner").injectNull(0.2);
        return Combinators.combine(industry, employees, revenue, text, text, title, calls, source)
                .as(Inputs::new);
    }
}
