package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --json} flag of every command whose output is data, as one picocli mixin. With it, a command prints
 * its result as JSON on stdout, and a failure is also a JSON object there ({@code {"error": {"code", "message"}}})
 * besides the one line on stderr, so a script reading stdout always gets JSON.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--json", description = "Print JSON on stdout (a failure too, as {\"error\": {code, message}}).")
    boolean requested;

    boolean requested() {
        return requested;
    }

    /** The mixin of the command that ran, when it has one. */
    static Optional<JsonOutput> of(CommandLine commandLine) {
        return commandLine.getCommandSpec().mixins().values().stream()
                .map(CommandLine.Model.CommandSpec::userObject)
                .filter(JsonOutput.class::isInstance)
                .map(JsonOutput.class::cast)
                .findFirst();
    }

    /** Prints a failure as {@code {"error": {"code": …, "message": …}}}. */
    static void printError(PrintWriter out, String code, String message) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        out.println(root.toPrettyString());
        out.flush();
    }
}
