/**
 * Operators' view of the job queue: {@code revbot jobs list|retry}, straight on PostgreSQL, or, in embedded mode where
 * the queue lives in the {@code serve} process, through {@code GET /api/jobs} and {@code POST /api/jobs/{id}/retry}
 * ({@link io.revbot.server.jobs.JobsService}, operators only) found with the local file {@code serve} writes under
 * {@code REVBOT_HOME} ({@link io.revbot.server.jobs.LocalServer}).
 */
package io.revbot.server.jobs;
