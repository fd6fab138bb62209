package io.revbot.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code revbot eval <what>}: evaluations that print figures and fail below their targets. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluations of RevBot's decisions against labelled data.",
        subcommands = {EvalRoutingCommand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
