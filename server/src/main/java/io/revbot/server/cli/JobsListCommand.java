package io.revbot.server.cli;

import io.revbot.server.jobs.JobView;
import io.revbot.server.jobs.JobsAdmin;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot jobs list [--state dead|queued|running] [--limit N] [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, most recently changed first.")
public final class JobsListCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--state", description = "dead, queued (with those waiting for a retry) or running.")
    String state;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many jobs (default ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Mixin
    JsonOutput json;

    public JobsListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JobView.Filter filter = state == null ? null : JobView.Filter.named(state);
        if (state != null && filter == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--state must be dead, queued or running, not '" + state + "'");
        }
        if (limit < 1 || limit > JobsAdmin.MAX_LIMIT) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be from 1 to " + JobsAdmin.MAX_LIMIT);
        }
        List<JobView> jobs = JobsCommand.jobs(context).list(filter, limit);
        PrintWriter out = context.out();
        if (json.requested()) {
            out.println(JobView.MAPPER.valueToTree(jobs).toPrettyString());
        } else if (jobs.isEmpty()) {
            out.println("No jobs" + (state == null ? "" : " " + state.toLowerCase(java.util.Locale.ROOT)) + ".");
        } else {
            out.printf(
                    "%-19s  %-36s  %-16s  %-9s  %8s  %-18s  %s%n",
                    "UPDATED (UTC)", "ID", "KIND", "STATE", "ATTEMPTS", "ERROR CODE", "LAST ERROR");
            for (JobView j : jobs) {
                out.printf(
                        "%-19s  %-36s  %-16s  %-9s  %8s  %-18s  %s%n",
                        TIME.format(j.updatedAt()),
                        j.id(),
                        j.kind(),
                        j.state(),
                        j.attempts() + "/" + j.maxAttempts(),
                        j.errorCode() == null ? "-" : j.errorCode(),
                        j.lastError() == null
                                ? "-"
                                : ConversationsListCommand.cut(j.lastError().replace('\n', ' '), 80));
            }
        }
        out.flush();
        return 0;
    }
}
