/**
 * The webhook API of ARCHITECTURE §4: {@code POST /webhook} accepts a question (authenticated, validated, durably
 * queued before the 202), {@code GET /webhook/{tracking_id}} reports its status; a worker answers it with the
 * supervisor and a second job delivers the answer to the caller's URL, signed with Standard Webhooks.
 */
package io.revbot.server.webhook;
