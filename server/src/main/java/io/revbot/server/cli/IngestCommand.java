package io.revbot.server.cli;

import io.revbot.ingest.IngestProgress;
import io.revbot.ingest.IngestSummary;
import io.revbot.ingest.KnowledgeBase;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot ingest [--full] [--json]}: brings the knowledge store in step with the knowledge-base folder. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Chunks and embeds the knowledge-base folder (REVBOT_KNOWLEDGE_DIR, default knowledge_base/) into the"
                    + " knowledge store: pgvector when REVBOT_VECTOR_DATABASE_URL is set, else an index under"
                    + " REVBOT_HOME.",
            "Only new and changed chunks are embedded; chunks of deleted files are removed.",
            "Progress goes to stderr; the summary (added, updated, removed, unchanged, seconds) to stdout."
        })
final class IngestCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(
            names = "--full",
            description = "Empty the store and embed everything again (also: switch embedding model).")
    boolean full;

    @CommandLine.Mixin
    JsonOutput json;

    IngestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        KnowledgeBase kb = context.components().knowledgeBase();
        PrintWriter err = context.err();
        err.println("ingest: " + kb.root().toAbsolutePath().normalize() + " -> " + kb.describe());
        err.flush();
        try (BarProgress progress = new BarProgress(err)) {
            IngestSummary summary = kb.ingest(full, progress);
            progress.close();
            context.out().println(json.requested() ? summary.json() : summary.line());
            context.out().flush();
        }
        return 0;
    }

    /**
     * A progress bar with counts and rate, drawn on stderr while chunks are embedded. {@code onlyWhenEmbedding}: say
     * nothing when there is nothing to embed (a command that ingests before its own work).
     */
    static final class BarProgress implements IngestProgress, AutoCloseable {
        private final PrintWriter err;
        private final String prefix;
        private final boolean onlyWhenEmbedding;
        private ProgressBar bar;

        BarProgress(PrintWriter err) {
            this(err, "ingest", false);
        }

        BarProgress(PrintWriter err, String command, boolean onlyWhenEmbedding) {
            this.err = err;
            this.prefix = command + ": ";
            this.onlyWhenEmbedding = onlyWhenEmbedding;
        }

        @Override
        public void planned(int toEmbed, int total) {
            if (onlyWhenEmbedding && toEmbed == 0) {
                return;
            }
            err.println(prefix + total + " chunks in the tree, " + toEmbed + " to embed");
            err.flush();
            if (toEmbed > 0) {
                bar = new ProgressBarBuilder()
                        .setTaskName("Embedding")
                        .setInitialMax(toEmbed)
                        .setUnit(" chunks", 1)
                        .showSpeed()
                        .setUpdateIntervalMillis(250)
                        .setConsumer(new DelegatingProgressBarConsumer(line -> {
                            err.print('\r');
                            err.print(line);
                            err.flush();
                        }))
                        .build();
            }
        }

        @Override
        public void embedded(int count) {
            if (bar != null) {
                bar.stepBy(count);
            }
        }

        @Override
        public void skipped(String document, String reason) {
            err.println();
            err.println(prefix + "skipped " + document + " (kept its previous chunks): " + reason);
            err.flush();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
                err.println();
                err.flush();
            }
        }
    }
}
