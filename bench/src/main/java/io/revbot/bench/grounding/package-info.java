/**
 * The grounding check's cost per answer: indexing a run's real tool results and checking a 300-word answer against
 * them, against the 1 ms target.
 */
package io.revbot.bench.grounding;
