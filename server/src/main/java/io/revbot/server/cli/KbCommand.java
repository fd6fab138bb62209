package io.revbot.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code revbot kb <subcommand>}: the knowledge base from the command line. */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        description = "Looks into the knowledge base (what the agents find with knowledge_search).",
        subcommands = {KbSearchCommand.class})
final class KbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: search");
    }
}
