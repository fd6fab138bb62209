package io.revbot.server.cli;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.RevBotException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. Subcommands are listed here; each lives in its own class. */
@Command(
        name = "revbot",
        mixinStandardHelpOptions = true,
        versionProvider = RevbotCommand.Version.class,
        description = {
            "RevBot answers revenue questions from your warehouse, CRM, call recordings and knowledge base.",
            "Configuration comes from environment variables (or revbot.yaml); see README.md."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            QuickstartCommand.class,
            AskCommand.class,
            ServeCommand.class,
            SqlCommand.class,
            DealCommand.class,
            LeadCommand.class,
            PipelineCommand.class,
            ChurnCommand.class,
            CompetitorsCommand.class,
            IngestCommand.class,
            KbCommand.class,
            DemoDataCommand.class,
            ConversationsCommand.class,
            UsageCommand.class,
            DoctorCommand.class,
            RouteCommand.class,
            EvalCommand.class,
        })
public final class RevbotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with every subcommand, exit codes and error handling wired; tests call this too. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(
                environment,
                Clock.systemUTC(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    }

    /**
     * Runs one command line and then closes what it built (pools, the recorder, which finishes pending conversation
     * exports first). What {@code main} calls.
     */
    public static int execute(Map<String, String> environment, String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CliContext context = new CliContext(environment, Clock.systemUTC(), out, err);
        try {
            return commandLine(context).execute(args);
        } finally {
            context.close();
        }
    }

    public static CommandLine commandLine(
            Map<String, String> environment, Clock clock, PrintWriter out, PrintWriter err) {
        return commandLine(new CliContext(environment, clock, out, err));
    }

    private static CommandLine commandLine(CliContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        CommandLine cli = new CommandLine(new RevbotCommand(), new ContextFactory(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            if (cause instanceof ConfigurationException ce) {
                err.println("revbot: configuration error: " + ce.getMessage());
            } else if (cause instanceof RevBotException) {
                err.println("revbot: " + cause.getMessage());
            } else {
                err.println("revbot: unexpected error: " + cause);
                if (System.getenv("REVBOT_DEBUG") != null) {
                    cause.printStackTrace(err);
                }
            }
            err.flush();
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("revbot: " + e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        });
        return cli;
    }

    /** Lets commands receive the shared {@link CliContext} through a constructor parameter. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RevbotCommand.class.getPackage().getImplementationVersion();
            return new String[] {"revbot " + (v == null ? "development build" : v)};
        }
    }
}
