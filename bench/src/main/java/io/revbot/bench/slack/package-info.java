/**
 * Load driver for Slack's Events API endpoint: signed events acknowledged per second and their latency, as ratios
 * to a bare Helidon handler on the same server ({@link io.revbot.bench.slack.SlackAckBenchmark}).
 */
package io.revbot.bench.slack;
