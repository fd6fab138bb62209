/** The knowledge-base benchmark: ingestion rate, query latency at 1k and 50k chunks, HNSW recall against exact search. */
package io.revbot.bench.knowledge;
