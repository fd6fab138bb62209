package io.revbot.orchestrator.routing;

import io.revbot.agents.Agents;
import io.revbot.agents.RoutingSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the embedding tier's thresholds on the dev split ({@code revbot eval routing --calibrate}): k-fold, so no
 * question is scored by a classifier that learned from it (the examples are dev questions), then the thresholds that
 * route the most single questions to their specialist while keeping wrong specialists at or below
 * {@code maxWrongShare}, no multi-part question cut and no direct question sent to a specialist. Ties go to the
 * stricter thresholds.
 */
public final class Calibration {
    private static final double STEP = 0.01;

    private Calibration() {}

    /** What calibration found, and the dev figures at those thresholds. */
    public record Result(RoutingSpec.Thresholds thresholds, RoutingReport dev, int folds, double maxWrongShare) {
        /** The contents of {@code router-calibration.yaml}. */
        public String yaml(String setName, LocalDate on) {
            return String.format(
                    Locale.ROOT,
                    "# Written by `./revbot eval routing --calibrate --write` on %s; do not edit by hand.%n"
                            + "# The embedding tier routes to a specialist when the classifier's probability is at least%n"
                            + "# min_confidence and leads the runner-up by at least min_margin.%n"
                            + "min_confidence: %.2f%n"
                            + "min_margin: %.2f%n"
                            + "calibration: \"%s\"%n",
                    on,
                    thresholds.minConfidence(),
                    thresholds.minMargin(),
                    thresholds.calibration().replace("\"", "'"));
        }
    }

    /** Calibrates on {@code dev}: {@link #folds}, then {@link Folds#best}. */
    public static Result calibrate(
            Router router, Agents agents, List<LabelledQuestion> dev, String setName, int folds, double maxWrongShare) {
        return folds(router, agents, dev, folds).best(setName, maxWrongShare);
    }

    /** Scores every dev question with a classifier trained without its fold (the slow part: one training per fold). */
    public static Folds folds(Router router, Agents agents, List<LabelledQuestion> dev, int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 folds");
        }
        if (agents.routing().isEmpty()) {
            throw new IllegalArgumentException("routing is off: there is no routing.yaml to calibrate");
        }
        RouterIndex full = router.index(agents);
        List<Assessment> assessments = new ArrayList<>(dev.size());
        for (int i = 0; i < dev.size(); i++) {
            assessments.add(null);
        }
        for (int fold = 0; fold < folds; fold++) {
            Set<String> held = new HashSet<>();
            for (int i = fold; i < dev.size(); i += folds) {
                held.add(key(dev.get(i).question()));
            }
            RouterIndex trained = full.trainedWithout(example -> held.contains(key(example)));
            for (int i = fold; i < dev.size(); i += folds) {
                assessments.set(i, trained.assess(dev.get(i).question()));
            }
        }
        return new Folds(agents, full, dev, folds, assessments);
    }

    /** The dev split scored out of fold: evaluate any thresholds on it without training again. */
    public static final class Folds {
        private final Agents agents;
        private final RouterIndex index;
        private final List<LabelledQuestion> dev;
        private final int folds;
        private final List<Assessment> assessments;

        private Folds(
                Agents agents, RouterIndex index, List<LabelledQuestion> dev, int folds, List<Assessment> assessments) {
            this.agents = agents;
            this.index = index;
            this.dev = dev;
            this.folds = folds;
            this.assessments = assessments;
        }

        /** The dev figures at {@code thresholds} (no routing model). */
        public RoutingReport report(RoutingSpec.Thresholds thresholds) {
            List<RoutingDecision> decisions = new ArrayList<>(dev.size());
            for (int i = 0; i < dev.size(); i++) {
                decisions.add(
                        index.decide(assessments.get(i), thresholds, dev.get(i).question(), () -> null));
            }
            return RoutingEvaluation.score(agents, dev, decisions);
        }

        /** The thresholds routing the most single questions right within the targets; ties go to the stricter. */
        public Result best(String setName, double maxWrongShare) {
            RoutingSpec.Thresholds best = null;
            RoutingReport bestReport = null;
            for (int c = 100; c >= 50; c--) {
                for (int m = 100; m >= 0; m--) {
                    RoutingSpec.Thresholds t = new RoutingSpec.Thresholds(c * STEP, m * STEP, "");
                    RoutingReport report = report(t);
                    boolean feasible = report.wrongSpecialistShare() <= maxWrongShare + 1e-12
                            && report.multiCut() == 0
                            && report.smallTalkToSpecialist() == 0;
                    if (feasible && (bestReport == null || report.fastPathRight() > bestReport.fastPathRight())) {
                        best = t;
                        bestReport = report;
                    }
                }
            }
            if (best == null) {
                throw new IllegalStateException("no thresholds meet the targets on " + setName);
            }
            String how = String.format(
                    Locale.ROOT,
                    "%s, %d questions, %d-fold; dev at these thresholds: %.1f %% of single questions fast-pathed"
                            + " right, %.1f %% to a wrong specialist (target <= %.1f %%)",
                    setName,
                    dev.size(),
                    folds,
                    100 * bestReport.fastPathShare(),
                    100 * bestReport.wrongSpecialistShare(),
                    100 * maxWrongShare);
            return new Result(
                    new RoutingSpec.Thresholds(best.minConfidence(), best.minMargin(), how),
                    bestReport,
                    folds,
                    maxWrongShare);
        }
    }

    private static String key(String question) {
        return question.strip().toLowerCase(Locale.ROOT);
    }
}
