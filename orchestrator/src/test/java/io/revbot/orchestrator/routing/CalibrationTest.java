package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.RoutingSpec;
import io.revbot.orchestrator.testing.ShippedRouting;
import org.junit.jupiter.api.Test;

/** The shipped thresholds are what calibration finds on the dev split: router-calibration.yaml is reproducible. */
class CalibrationTest {

    @Test
    void calibratingOnTheDevSplitFindsTheShippedThresholds() {
        RoutingSpec.Thresholds shipped =
                ShippedRouting.agents().routing().orElseThrow().thresholds();

        Calibration.Result result = Calibration.calibrate(
                ShippedRouting.router(),
                ShippedRouting.agents(),
                ShippedRouting.split("dev"),
                "routing-dev.tsv",
                5,
                0.01);

        assertThat(result.thresholds().minConfidence()).isEqualTo(shipped.minConfidence());
        assertThat(result.thresholds().minMargin()).isEqualTo(shipped.minMargin());
        assertThat(result.dev().wrongSpecialistShare()).isLessThanOrEqualTo(0.01);
        assertThat(result.dev().multiCut()).isZero();
        assertThat(result.dev().smallTalkToSpecialist()).isZero();
        assertThat(result.yaml("routing-dev.tsv", java.time.LocalDate.of(2026, 1, 1)))
                .contains("min_confidence: " + String.format(java.util.Locale.ROOT, "%.2f", shipped.minConfidence()));
    }
}
