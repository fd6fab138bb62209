/**
 * Benchmarks of the demo warehouse: how fast the demo data set generates, and how the latency of representative
 * analytic queries grows with the scale of the data.
 */
package io.revbot.bench.data;
