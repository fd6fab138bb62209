/**
 * The router: decides before any model call how a question is answered (a template answer, one specialist, or the
 * manager's turns), in tiers that are each optional and recorded: rules, the embedding tier trained on the agents'
 * example questions, the optional routing model, and the supervisor for everything else. Also the routing evaluation
 * and the threshold calibration that {@code revbot eval routing} runs on the labelled splits.
 */
package io.revbot.orchestrator.routing;
