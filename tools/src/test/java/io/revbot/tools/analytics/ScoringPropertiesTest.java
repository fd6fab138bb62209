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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Scores stay within bounds, bands match scores, weights sum to one, for any input. */
class ScoringPropertiesTest {

    @Property
    void icp_scores_stay_within_0_and_100_and_their_band_and_priority_match(@ForAll("icpInputs") Inputs in) {
        Result r = IcpModel.score(in);

        assertThat(r.score()).isBetween(0.0, 100.0);
        assertThat(r.band()).isEqualTo(IcpModel.Band.of(r.score()));
        assertThat(r.score()).isGreaterThanOrEqualTo(r.band().minimum());
        assertThat(r.priority()).isEqualTo(IcpModel.Priority.of(r.band()));
        assertThat(r.parts()).allSatisfy(p -> assertThat(p.score()).isBetween(0, 100));
        double recomputed =
                r.parts().stream().mapToDouble(p -> p.weight() * p.score()).sum();
        assertThat(r.score()).isCloseTo(recomputed, org.assertj.core.data.Offset.offset(0.05));
        assertThat(r.completeness()).isBetween(0.0, 1.0);
        assertThat(r.confidence()).isEqualTo(IcpModel.Confidence.of(r.completeness()));
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
