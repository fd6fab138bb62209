/**
 * Session memory: what the manager remembers of a conversation (questions and answers, bounded by tokens), kept in
 * memory or in PostgreSQL, and the per-session lock that serialises work on one conversation.
 */
package io.revbot.orchestrator.sessions;
