package io.revbot.orchestrator;

import java.util.Optional;

/**
 * Whoever wrote a run's answer (the manager, or the specialist whose answer passed through), asked once more to
 * correct or remove figures the grounding check could not trace. A revision is an invocation of its own, so its model
 * call is recorded, counted and priced like any other.
 */
interface Writer {

    /** The revised answer, or empty when the writer gave none (the draft then stands); never throws. */
    Optional<String> revise(Run run, String draft, String request);
}
