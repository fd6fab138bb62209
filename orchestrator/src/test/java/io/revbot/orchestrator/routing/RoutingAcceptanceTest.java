package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.testing.ShippedRouting;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The router's acceptance on the shipped test split, which nothing was tuned on: at least 80 % of single-specialist
 * questions routed to the right specialist by rules and embeddings alone, at most 2 % to a wrong specialist, no
 * multi-part question cut down to one specialist and no direct question (small talk, definitions) sent to a
 * specialist. CI runs it; it fails below any target.
 */
class RoutingAcceptanceTest {

    @Test
    void theTestSplitMeetsTheAcceptanceTargetsWithoutAnyModelCall() {
        List<LabelledQuestion> test = ShippedRouting.split("test");

        RoutingReport report =
                RoutingEvaluation.evaluate(ShippedRouting.router(), ShippedRouting.agents(), test, false);

        System.out.printf(
                Locale.ROOT,
                "routing on the test split: accuracy %.1f %%, fast-pathed right %d/%d (%.1f %%), wrong specialist %d"
                        + " (%.1f %%), multi-part cut %d/%d, direct to a specialist %d/%d, tiers %s%n",
                100 * report.accuracy(),
                report.fastPathRight(),
                report.single(),
                100 * report.fastPathShare(),
                report.wrongSpecialist(),
                100 * report.wrongSpecialistShare(),
                report.multiCut(),
                report.multi(),
                report.smallTalkToSpecialist(),
                report.direct(),
                report.tiers());
        report.misrouted().forEach(m -> System.out.println("  misrouted: " + m));
        assertThat(report.modelTierCalls()).isZero();
        assertThat(report.fastPathShare())
                .as("single questions fast-pathed right")
                .isGreaterThanOrEqualTo(0.80);
        assertThat(report.wrongSpecialistShare())
                .as("single questions to a wrong specialist")
                .isLessThanOrEqualTo(0.02);
        assertThat(report.multiCut()).as("multi-part questions cut down").isZero();
        assertThat(report.smallTalkToSpecialist())
                .as("direct questions sent to a specialist")
                .isZero();
        assertThat(report.meets(RoutingReport.Targets.ACCEPTANCE)).isTrue();
    }

    @Test
    void noMultiPartQuestionOfEitherSplitIsCutDownEvenByAClassifierThatLearntFromDev() {
        for (String split : List.of("dev", "test")) {
            List<LabelledQuestion> multi = ShippedRouting.split(split).stream()
                    .filter(q -> q.kind() == LabelledQuestion.Kind.MULTI)
                    .toList();
            for (LabelledQuestion q : multi) {
                RoutingDecision d = ShippedRouting.router().route(q.question(), ShippedRouting.agents(), () -> null);
                assertThat(d).as(split + ": " + q.question()).isInstanceOf(RoutingDecision.Supervisor.class);
            }
        }
    }
}
