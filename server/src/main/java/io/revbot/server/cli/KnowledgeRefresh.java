package io.revbot.server.cli;

import io.revbot.ingest.IngestProgress;
import io.revbot.ingest.IngestSummary;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.tools.ConfigurationException;
import java.io.PrintWriter;

/**
 * What a command that searches the knowledge base does first: brings an empty or stale store in step with the folder
 * (only what changed is embedded; nothing is, and nothing is printed, when the store is current), with the progress bar
 * on stderr. A store that cannot be used because of configuration (no pgvector, another embedding model) stops the
 * command; a sync that fails otherwise (an embedding service down) is told, and the command goes on with what the
 * store holds.
 */
final class KnowledgeRefresh {
    private KnowledgeRefresh() {}

    /**
     * @param command the command's name, which prefixes its lines ("ask: …")
     * @param quiet no output at all (the command's {@code --quiet})
     */
    static void beforeSearching(KnowledgeBase kb, PrintWriter err, String command, boolean quiet) {
        try (IngestCommand.BarProgress bar = new IngestCommand.BarProgress(err, command, true)) {
            IngestSummary summary = kb.ingest(false, quiet ? IngestProgress.NONE : bar);
            bar.close();
            if (!quiet && summary.embedded() + summary.removed() > 0) {
                err.println(command + ": knowledge base brought up to date from " + kb.root() + " ("
                        + summary.line().substring("ingest: ".length()) + ")");
                err.flush();
            }
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!quiet) {
                err.println(command + ": the knowledge base could not be brought up to date (" + e.getMessage()
                        + "); searching what the store holds");
                err.flush();
            }
        }
    }
}
