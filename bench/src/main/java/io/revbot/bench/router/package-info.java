/**
 * {@code bench/run router}: the router's decision latency once the model is loaded, and what routing saves in model
 * calls and input tokens against the manager path on the same questions.
 */
package io.revbot.bench.router;
