package io.revbot.server.cli;

import io.revbot.server.http.RevbotServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot serve}: the HTTP server (webhook API, Slack, viewer, observe endpoints) and the job workers. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the server: POST /webhook, Slack events, /observe/health and /observe/metrics, and the job workers.",
            "Stops gracefully on SIGTERM/Ctrl-C: no new requests or jobs, running jobs finish within 30 s or go back"
                    + " to the queue."
        })
public final class ServeCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--port", description = "Port to listen on (REVBOT_PORT, default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (default 0.0.0.0, all interfaces).")
    String host = "0.0.0.0";

    @Option(names = "--workers", description = "Jobs run at once in this process (REVBOT_WORKERS, default 4).")
    Integer workers;

    public ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port != null) {
            context.override("REVBOT_PORT", port.toString());
        }
        if (workers != null) {
            context.override("REVBOT_WORKERS", workers.toString());
        }
        // Registered before anything starts, so a stop signal during start-up still closes what was opened.
        AtomicReference<RevbotServer> started = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            RevbotServer running = started.get();
                            if (running != null) {
                                running.stop();
                            }
                            context.close();
                            stopped.countDown();
                        },
                        "revbot-shutdown"));
        RevbotServer server = context.components().server(host).start();
        started.set(server);
        context.components().announceLocally(server.port());
        context.components().startApprovalExpiry();
        try {
            // Ingest the knowledge base when it changed since the last run, and again after every edit.
            context.components().startKnowledgeWatcher();
        } catch (RuntimeException e) {
            context.err().println("revbot: knowledge base not watched: " + e.getMessage());
        }
        if (context.components().config().model().router()) {
            // Load the embedding model and train on the examples now, not on the first question.
            Thread.ofVirtual().name("revbot-router-prepare").start(() -> {
                try {
                    context.components()
                            .router()
                            .prepare(context.components().agentCatalog().current());
                } catch (RuntimeException e) {
                    context.err().println("revbot: the router could not prepare: " + e.getMessage());
                }
            });
        }
        if (context.components().slackBot().isPresent()
                && context.components().slackBot().get().startSocketMode()) {
            // in the background, retried with backoff for as long as Slack is unreachable; /observe/health says
            context.err().println("revbot: connecting to Slack over Socket Mode");
        }
        context.err().println("revbot: serving on port " + server.port() + " (Ctrl-C to stop)");
        context.err().flush();
        stopped.await();
        return 0;
    }
}
