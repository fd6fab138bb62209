/**
 * The conversation viewer: {@code GET /conversations} (a static page), {@code GET /api/conversations} (filtered
 * summaries) and {@code GET /api/conversations/{id}} (one run's export), read from the exported runs; and the
 * Prometheus usage metrics recorded from run events.
 */
package io.revbot.server.conversations;
