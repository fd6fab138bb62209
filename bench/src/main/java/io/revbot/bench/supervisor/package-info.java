/**
 * The supervisor benchmark ({@link io.revbot.bench.supervisor.SupervisorBench}): the orchestrator's own overhead
 * per step with a zero-latency scripted model, compared with langchain4j-agentic's supervisor on the same model,
 * and the wall-time gain of concurrent delegation with a simulated 300 ms model.
 */
package io.revbot.bench.supervisor;
