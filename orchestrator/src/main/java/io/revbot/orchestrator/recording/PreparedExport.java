package io.revbot.orchestrator.recording;

import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.recording.RecordValidator.Finding;
import java.util.List;

/**
 * A run ready to write: the folder it goes to ({@code YYYY/MM/DD/<timestamp>-<run id>}) and the redacted,
 * validated, scored documents.
 */
public record PreparedExport(
        RunId runId,
        String folder,
        ConversationRecord record,
        String conversationJson,
        String metadataJson,
        QualityScore quality,
        List<Finding> findings,
        Redactor.Hits redactions) {
    public PreparedExport {
        findings = List.copyOf(findings);
    }

    public static final String CONVERSATION_FILE = "conversation.json";
    public static final String METADATA_FILE = "metadata.json";
}
