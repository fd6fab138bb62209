/**
 * The supervisor: a manager model that answers itself or delegates to specialist agents (several at once when it
 * can), and the typed vocabulary of a run that every edge (CLI, Slack, webhook API, recorder) consumes:
 * {@link io.revbot.orchestrator.Request}, {@link io.revbot.orchestrator.RunEvent},
 * {@link io.revbot.orchestrator.RunListener}, {@link io.revbot.orchestrator.RunResult}.
 */
package io.revbot.orchestrator;
