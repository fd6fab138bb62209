/**
 * The conversation viewer: {@code GET /conversations} (a static page), {@code GET /api/conversations} (filtered
 * summaries) and {@code GET /api/conversations/{id}} (one run's export, its answer rendered), read from the exported
 * runs; the usage page ({@code GET /conversations/usage}, charts of {@code GET /api/usage}); and the Prometheus usage
 * metrics recorded from run events.
 */
package io.revbot.server.conversations;
