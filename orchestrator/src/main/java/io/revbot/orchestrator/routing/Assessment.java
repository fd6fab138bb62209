package io.revbot.orchestrator.routing;

import java.util.Optional;

/**
 * What the router found before any threshold applies: either the rules decided, or the classifier scored the
 * question (and, when a soft connective joins two phrases, each phrase). Kept apart from the decision so calibration
 * can try thresholds on a dev split without classifying it again.
 */
sealed interface Assessment {

    record Ruled(RoutingDecision decision) implements Assessment {}

    record Scored(ExampleClassifier.Prediction whole, Optional<Parts> parts) implements Assessment {}

    /** The two phrases a soft connective joins, each scored. */
    record Parts(ExampleClassifier.Prediction left, ExampleClassifier.Prediction right) {}
}
