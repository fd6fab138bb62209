/**
 * Conversation monitoring: {@link io.revbot.orchestrator.recording.RunRecorder} turns a run's
 * {@link io.revbot.orchestrator.RunEvent}s into a {@link io.revbot.orchestrator.recording.ConversationRecord},
 * redacts, validates and scores it, and exports {@code conversation.json} and {@code metadata.json} to a directory
 * and optionally S3, off the answer's path. {@link io.revbot.orchestrator.recording.ConversationStore} and
 * {@link io.revbot.orchestrator.recording.UsageReport} read the exports back; {@link
 * io.revbot.orchestrator.recording.RunTracer} emits the same run as OpenTelemetry spans. Schema and meaning:
 * {@code docs/conversation-export.md}.
 */
package io.revbot.orchestrator.recording;
