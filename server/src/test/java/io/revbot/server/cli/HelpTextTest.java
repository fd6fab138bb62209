package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * picocli formats every description with {@link String#format}; a bare {@code %} ("120 % of") makes it print a
 * warning above the help and show the text raw. Every description of every command must format.
 */
class HelpTextTest {

    @Test
    void everyDescriptionOfEveryCommandFormats() {
        CommandLine root = RevbotCommand.commandLine(
                Map.of(), Clock.systemUTC(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<String> broken = new ArrayList<>();
        check(root, broken);
        assertThat(broken).isEmpty();
    }

    private static void check(CommandLine command, List<String> broken) {
        String name = command.getCommandSpec().qualifiedName();
        List<String> texts =
                new ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
        for (ArgSpec arg : command.getCommandSpec().args()) {
            texts.addAll(List.of(arg.description()));
        }
        for (String text : texts) {
            try {
                String.format(text);
            } catch (IllegalFormatException e) {
                broken.add(name + ": " + text + " (" + e.getMessage() + ")");
            }
        }
        command.getSubcommands().values().forEach(sub -> check(sub, broken));
    }
}
