/**
 * The grounding check: the figures of a final answer (money, percentages, multiples, counts, dates, scores) matched
 * against the figures in the whole results of the run's data tools, allowing a writer's formatting and rounding, and
 * plain arithmetic of traced figures. Pure and allocation-light: {@link io.revbot.orchestrator.grounding.EvidenceIndex}
 * indexes a run's tool results once, {@link io.revbot.orchestrator.grounding.GroundingCheck} checks an answer against
 * it.
 */
package io.revbot.orchestrator.grounding;
