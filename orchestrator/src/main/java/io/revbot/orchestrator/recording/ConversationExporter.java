package io.revbot.orchestrator.recording;

import java.io.IOException;

/** Writes a prepared run somewhere durable. Two implementations: {@link DirectoryExporter}, {@link S3Exporter}. */
public interface ConversationExporter {

    /** Writes {@code conversation.json} and {@code metadata.json} under the export's folder; returns where. */
    String write(PreparedExport export) throws IOException;
}
