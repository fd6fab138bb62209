package io.revbot.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code revbot conversations list|show}: the exported runs (see docs/conversation-export.md). */
@Command(
        name = "conversations",
        mixinStandardHelpOptions = true,
        description = "List recorded conversations or show one as a timeline.",
        subcommands = {ConversationsListCommand.class, ConversationsShowCommand.class})
public final class ConversationsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "expected a subcommand: list or show");
    }
}
