package io.revbot.server.cli;

import picocli.CommandLine;

/** Checks of arguments picocli cannot express; a failure is a usage error (exit 2, one line). */
final class Arguments {
    private Arguments() {}

    /** The text without surrounding blanks; a usage error naming {@code label} when nothing is left. */
    static String text(CommandLine commandLine, String value, String label) {
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(commandLine, label + " is empty");
        }
        return value.strip();
    }
}
