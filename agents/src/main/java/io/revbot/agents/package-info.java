/**
 * Agents as data: each agent is a folder {@code agents/<name>/} holding {@code instructions.md} (the prompt) and
 * {@code agent.yaml} (what the manager sees, which tools it may use, model settings). This module reads and
 * validates them; it holds no control flow.
 */
package io.revbot.agents;
