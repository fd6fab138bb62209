package io.revbot.server.cli;

import io.revbot.orchestrator.RunException;
import io.revbot.server.config.LoggingConfig;
import io.revbot.server.config.Settings;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.RevBotException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
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
            JobsCommand.class,
            UsageCommand.class,
            DoctorCommand.class,
            McpCommand.class,
            RouteCommand.class,
            EvalCommand.class,
        })
public final class RevbotCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Show the libraries' logging too (INFO and up) on stderr; REVBOT_LOG_LEVEL sets any level.")
    boolean verbose;

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
            CommandLine cli = commandLine(context);
            // Logging is process-wide, so only a real process configures it (tests call commandLine()).
            cli.setExecutionStrategy(parseResult -> {
                ConsoleLogging.configure(
                        leaf(parseResult).commandSpec().name().equals("serve")
                                ? ConsoleLogging.Mode.SERVER
                                : ConsoleLogging.Mode.COMMAND,
                        verbose(parseResult),
                        logLevel(environment),
                        System.err);
                return new CommandLine.RunLast().execute(parseResult);
            });
            return cli.execute(args);
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
        cli.registerConverter(LocalDate.class, RevbotCommand::date);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            String message;
            if (cause instanceof ConfigurationException ce) {
                message = "configuration error: " + ce.getMessage();
            } else if (cause instanceof RevBotException) {
                message = cause.getMessage();
            } else {
                message = "unexpected error: " + cause;
                if (System.getenv("REVBOT_DEBUG") != null) {
                    cause.printStackTrace(err);
                }
            }
            err.println("revbot: " + message);
            err.flush();
            if (JsonOutput.of(commandLine).map(JsonOutput::requested).orElse(false)) {
                JsonOutput.printError(out, errorCode(cause), message);
            }
            return 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            String message =
                    e.getMessage().strip().replace(System.lineSeparator(), " ").replace('\n', ' ');
            err.println("revbot: " + message + " (see " + at.getCommandSpec().qualifiedName(" ") + " --help)");
            err.flush();
            if (JsonOutput.of(at).map(JsonOutput::requested).orElse(false)) {
                JsonOutput.printError(out, "usage", message);
            }
            return 2;
        });
        return cli;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("expected a date like 2026-11-01, got '" + value + "'");
        }
    }

    private static CommandLine.ParseResult leaf(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** {@code REVBOT_LOG_LEVEL}; a malformed value is reported by the command when it binds the configuration. */
    private static Optional<Level> logLevel(Map<String, String> environment) {
        try {
            return LoggingConfig.from(Settings.load(environment, Map.of())).level();
        } catch (ConfigurationException e) {
            return Optional.empty();
        }
    }

    /** The stable code of a failure in JSON output: what kind of failure, for scripts to branch on. */
    static String errorCode(Throwable failure) {
        return switch (failure) {
            case ConfigurationException ignored -> "configuration";
            case RunException run -> run.kind().name().toLowerCase(Locale.ROOT);
            case AnalyticsOutput.UnknownEntityException ignored -> "not_found";
            case RevBotException ignored -> "failed";
            default -> "internal";
        };
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
