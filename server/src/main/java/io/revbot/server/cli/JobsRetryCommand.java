package io.revbot.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.server.jobs.JobView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code revbot jobs retry ID [--json]}: a job from the dead letter back in the queue, its attempts afresh. */
@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        description = {
            "Put a job from the dead letter back in the queue, due now, with its attempts counted afresh.",
            "A webhook request replayed this way delivers its answer once, even after its failure was delivered."
        })
public final class JobsRetryCommand implements Callable<Integer> {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The job's id (see `revbot jobs list --state dead`).")
    String id;

    @CommandLine.Mixin
    JsonOutput json;

    public JobsRetryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!UUID.matcher(id).matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a job id is a UUID, not '" + id + "'");
        }
        if (!JobsCommand.jobs(context).retry(id)) {
            throw new AnalyticsOutput.UnknownEntityException(
                    "no job " + id + " in the dead letter (`revbot jobs list --state dead` lists them)");
        }
        PrintWriter out = context.out();
        if (json.requested()) {
            ObjectNode node = JobView.MAPPER.createObjectNode();
            node.put("id", id);
            node.put("state", "queued");
            out.println(node.toPrettyString());
        } else {
            out.println("Job " + id + " is back in the queue; a worker of its kind runs it next.");
        }
        out.flush();
        return 0;
    }
}
