package io.revbot.server.cli;

import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.ConversationStore.Filter;
import io.revbot.orchestrator.recording.ConversationStore.Summary;
import io.revbot.orchestrator.recording.RunFeedback;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revbot conversations list [--since 7d] [--channel slack] [--agent data] [--status failed]
 * [--feedback negative] [--json]}.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded conversations, newest first.")
public final class ConversationsListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--since", description = "Only runs since a date (2026-11-01), instant or age (7d, 24h).")
    String since;

    @Option(names = "--channel", description = "slack, webhook or cli.")
    String channel;

    @Option(names = "--agent", description = "Only runs in which this agent worked.")
    String agent;

    @Option(names = "--status", description = "succeeded, failed or cancelled.")
    String status;

    @Option(names = "--feedback", description = "Only runs whose answer got this feedback: positive or negative.")
    String feedback;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many runs (default ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Mixin
    JsonOutput json;

    public ConversationsListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<Instant> from =
                Optional.ofNullable(since).map(s -> TimeArguments.since(s, context.clock(), spec.commandLine()));
        ConversationStore store = context.components().conversationStore();
        List<Summary> runs = store.list(new Filter(
                from,
                Optional.empty(),
                Optional.ofNullable(channel),
                Optional.ofNullable(agent),
                Optional.empty(),
                Optional.ofNullable(status),
                Optional.ofNullable(feedback).map(this::feedbackLabel),
                Math.max(1, limit)));
        PrintWriter out = context.out();
        if (json.requested()) {
            out.println(ConversationJson.write(ConversationJson.MAPPER.valueToTree(runs)));
        } else if (runs.isEmpty()) {
            out.println(
                    "No recorded conversations under " + store.root() + (since == null ? "" : " since " + since) + ".");
        } else {
            out.printf(
                    "%-19s  %-36s  %-7s  %-9s  %-12s  %-28s  %8s  %9s  %7s  %s%n",
                    "STARTED (UTC)",
                    "RUN ID",
                    "CHANNEL",
                    "STATUS",
                    "ROUTING",
                    "AGENTS",
                    "DURATION",
                    "COST",
                    "QUALITY",
                    "QUESTION");
            for (Summary s : runs) {
                out.printf(
                        "%-19s  %-36s  %-7s  %-9s  %-12s  %-28s  %8s  %9s  %7.2f  %s%n",
                        s.startedAt() == null ? "-" : TIME.format(s.startedAt()),
                        s.runId(),
                        nz(s.channel()),
                        nz(s.status()),
                        nz(s.routing()),
                        cut(String.join(",", s.agents()), 28),
                        Format.millis(s.durationMs()),
                        Format.usd(s.costUsd()),
                        s.quality(),
                        cut(nz(s.question()).replace('\n', ' '), 60));
            }
        }
        out.flush();
        return 0;
    }

    private String feedbackLabel(String value) {
        try {
            return RunFeedback.Value.parse(value).label();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--feedback: " + e.getMessage());
        }
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
