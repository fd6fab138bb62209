package io.revbot.server.cli;

import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore.Stored;
import io.revbot.orchestrator.recording.UsageReport;
import io.revbot.orchestrator.recording.UsageReport.QuestionType;
import io.revbot.orchestrator.recording.UsageReport.Row;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot usage [--days N] [--json]}: per agent and per tool figures from the recorded conversations. */
@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description = "Per agent and per tool: runs, error rate, p50/p95 duration, tokens and cost; question types.")
public final class UsageCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--days", defaultValue = "7", description = "Look back this many days (default ${DEFAULT-VALUE}).")
    int days;

    @CommandLine.Mixin
    JsonOutput json;

    public UsageCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (days < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be at least 1");
        }
        Instant since = context.clock().instant().minus(Duration.ofDays(days));
        List<Stored> runs = context.components().conversationStore().loadAll(Optional.of(since));
        UsageReport report =
                UsageReport.of(runs.stream().map(Stored::conversation).toList());
        PrintWriter out = context.out();
        if (json.requested()) {
            out.println(ConversationJson.write(ConversationJson.MAPPER.valueToTree(report)));
        } else {
            print(out, report, days);
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, UsageReport r, int days) {
        out.printf(
                "Usage over the last %d day%s: %d runs (%d failed), estimated cost %s%n",
                days, days == 1 ? "" : "s", r.runs(), r.failedRuns(), Format.usd(r.costUsd()));
        out.println();
        table(out, "AGENT", r.agents(), true);
        out.println();
        table(out, "TOOL", r.tools(), false);
        out.println();
        out.println("QUESTION TYPES (by routed agent)");
        for (QuestionType q : r.questionTypes()) {
            out.printf(
                    "  %-32s %5d  %6s  e.g. \"%s\"%n",
                    q.routedTo(),
                    q.runs(),
                    Format.percent(q.share()),
                    ConversationsListCommand.cut(q.example().replace('\n', ' '), 70));
        }
    }

    private static void table(PrintWriter out, String kind, List<Row> rows, boolean withTokens) {
        if (withTokens) {
            out.printf(
                    "%-20s %6s %10s %9s %9s %12s %12s %12s %12s %10s%n",
                    kind,
                    "RUNS",
                    "ERROR RATE",
                    "P50",
                    "P95",
                    "TOKENS IN",
                    "TOKENS OUT",
                    "CACHE READ",
                    "CACHE WRITE",
                    "COST");
        } else {
            out.printf("%-20s %6s %10s %9s %9s%n", kind, "RUNS", "ERROR RATE", "P50", "P95");
        }
        for (Row row : rows) {
            if (withTokens) {
                out.printf(
                        "%-20s %6d %10s %9s %9s %12s %12s %12s %12s %10s%n",
                        row.name(),
                        row.runs(),
                        Format.percent(row.errorRate()),
                        Format.millis(row.p50Ms()),
                        Format.millis(row.p95Ms()),
                        Format.count(row.inputTokens()),
                        Format.count(row.outputTokens()),
                        Format.count(row.cacheReadTokens()),
                        Format.count(row.cacheWriteTokens()),
                        Format.usd(row.costUsd()));
            } else {
                out.printf(
                        "%-20s %6d %10s %9s %9s%n",
                        row.name(),
                        row.runs(),
                        Format.percent(row.errorRate()),
                        Format.millis(row.p50Ms()),
                        Format.millis(row.p95Ms()));
            }
        }
    }
}
