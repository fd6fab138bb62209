package io.revbot.server.cli;

import io.revbot.server.Components;
import io.revbot.server.jobs.Jobs;
import io.revbot.server.jobs.JobsAdmin;
import io.revbot.server.jobs.LocalServer;
import io.revbot.server.jobs.LocalServerJobs;
import io.revbot.tools.UpstreamException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code revbot jobs list|retry}: the job queue for operators. With {@code REVBOT_DATABASE_URL}, straight on the
 * database (no server needed); in embedded mode the queue lives in the running {@code serve}, which these commands
 * find through {@code REVBOT_HOME/serve.json}.
 */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = {
            "List the job queue (Slack events, webhook requests and deliveries) or replay a job from the dead letter.",
            "Embedded mode asks the running `revbot serve` on the same REVBOT_HOME."
        },
        subcommands = {JobsListCommand.class, JobsRetryCommand.class})
public final class JobsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "expected a subcommand: list or retry");
    }

    /** The queue of this configuration: the database's, or the local server's in embedded mode. */
    static Jobs jobs(CliContext context) {
        Components components = context.components();
        if (!components.config().storage().embedded()) {
            components.migrate();
            return new JobsAdmin(components.jobQueue());
        }
        LocalServer local = new LocalServer(components.config().storage().home());
        return new LocalServerJobs(local.read()
                .orElseThrow(() -> new UpstreamException(
                        "revbot serve",
                        "embedded mode keeps the job queue in the memory of `revbot serve`, and none is running on "
                                + components.config().storage().home()
                                + " (no serve.json there); start it, or set REVBOT_DATABASE_URL for a durable queue",
                        false)));
    }
}
