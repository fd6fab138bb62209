/**
 * Load benchmarks of the server's edges on loopback: requests per second and latency of an endpoint, as a ratio to a
 * bare Helidon handler that answers 200 without work, measured in the same run.
 */
package io.revbot.bench.server;
