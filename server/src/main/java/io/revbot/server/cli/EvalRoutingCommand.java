package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.routing.Calibration;
import io.revbot.orchestrator.routing.LabelledQuestion;
import io.revbot.orchestrator.routing.RoutingEvaluation;
import io.revbot.orchestrator.routing.RoutingReport;
import io.revbot.server.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revbot eval routing [--set FILE|dev|test] [--json] [--min-accuracy X]}: routes a labelled set and prints
 * the figures the router is judged by; exits 1 below the acceptance targets or {@code --min-accuracy}. With
 * {@code --calibrate} it finds the embedding tier's thresholds on the dev split instead.
 */
@Command(
        name = "routing",
        mixinStandardHelpOptions = true,
        description = {
            "Routes every question of a labelled set (TSV: question<TAB>expected<TAB>kind) and prints accuracy, the"
                    + " confusion matrix, precision and recall per agent, the share decided by each tier, multi-part"
                    + " questions cut down to one specialist, and manager calls saved.",
            "Exits 1 when the figures miss the acceptance targets (>= 80 %% of single questions fast-pathed to the right"
                    + " specialist, <= 2 %% to a wrong one, no multi-part question cut, no small talk to a specialist)"
                    + " or the accuracy is below --min-accuracy.",
            "--calibrate finds the embedding tier's thresholds on the dev split (k-fold) and, with --write, writes"
                    + " them to router-calibration.yaml in the agents directory."
        })
final class EvalRoutingCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--set",
            paramLabel = "FILE",
            description = "A labelled TSV, or dev / test for the shipped splits (default: test; dev with --calibrate).")
    String set;

    @CommandLine.Mixin
    JsonOutput json;

    @Option(names = "--min-accuracy", paramLabel = "X", description = "Exit 1 when the accuracy is below X (0-1).")
    Double minAccuracy;

    @Option(
            names = "--with-model",
            description = "Ask the routing model (REVBOT_ROUTER_MODEL) when the embedding tier is unsure; costs calls.")
    boolean withModel;

    @Option(names = "--calibrate", description = "Find the thresholds on the set (dev by default) instead.")
    boolean calibrate;

    @Option(names = "--write", description = "With --calibrate: write router-calibration.yaml.")
    boolean write;

    @Option(names = "--folds", defaultValue = "5", description = "With --calibrate: folds (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(
            names = "--max-wrong",
            defaultValue = "0.01",
            description = "With --calibrate: the most single questions routed to a wrong specialist on the dev split"
                    + " (default ${DEFAULT-VALUE}: half of the 0.02 target, for headroom).")
    double maxWrong;

    EvalRoutingCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (minAccuracy != null && (minAccuracy < 0 || minAccuracy > 1)) {
            throw usage("--min-accuracy must be between 0 and 1, got " + minAccuracy);
        }
        if (write && !calibrate) {
            throw usage("--write goes with --calibrate");
        }
        String setName = set == null ? (calibrate ? "dev" : "test") : set;
        String shown = setName.equals("dev") || setName.equals("test") ? "routing-" + setName + ".tsv" : setName;
        List<LabelledQuestion> questions = load(setName);
        Agents agents = context.components().agentCatalog().current();
        if (agents.routing().isEmpty()) {
            throw usage("routing is off: the agents directory has no routing.yaml");
        }
        PrintWriter out = context.out();
        if (calibrate) {
            return calibrate(agents, questions, shown, out);
        }
        RoutingReport report = RoutingEvaluation.evaluate(context.components().router(), agents, questions, withModel);
        boolean meets = report.meets(RoutingReport.Targets.ACCEPTANCE);
        boolean accurate = minAccuracy == null || report.accuracy() >= minAccuracy;
        if (json.requested()) {
            out.println(JSON.writeValueAsString(RoutingReportText.json(report, shown, meets)));
        } else {
            RoutingReportText.print(out, report, shown, RoutingReport.Targets.ACCEPTANCE);
            if (minAccuracy != null) {
                out.printf(
                        Locale.ROOT,
                        "accuracy %.1f %% %s --min-accuracy %.1f %%%n",
                        100 * report.accuracy(),
                        accurate ? ">=" : "<",
                        100 * minAccuracy);
            }
        }
        out.flush();
        return meets && accurate ? 0 : 1;
    }

    private int calibrate(Agents agents, List<LabelledQuestion> questions, String setName, PrintWriter out)
            throws IOException {
        if (folds < 2 || folds > 20) {
            throw usage("--folds must be between 2 and 20, got " + folds);
        }
        Calibration.Result result =
                Calibration.calibrate(context.components().router(), agents, questions, setName, folds, maxWrong);
        String yaml = result.yaml(setName, java.time.LocalDate.now(context.clock()));
        out.print(yaml);
        if (write) {
            Path dir = agentsDir()
                    .orElseThrow(
                            () -> usage(
                                    "the agents come from the classpath: set REVBOT_AGENTS_DIR to write router-calibration.yaml"));
            Path file = dir.resolve("router-calibration.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            context.err().println("eval: wrote " + file);
        }
        out.flush();
        return 0;
    }

    /** {@code dev}/{@code test} from the agents directory (or the packaged copy), else a file. */
    private List<LabelledQuestion> load(String name) throws IOException {
        String text;
        if (name.equals("dev") || name.equals("test")) {
            String file = "routing-" + name + ".tsv";
            Optional<Path> dir = agentsDir();
            if (dir.isPresent()) {
                text = Files.readString(dir.get().resolve(file), StandardCharsets.UTF_8);
            } else {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("agents/" + file)) {
                    if (in == null) {
                        throw usage("no " + file + " on the classpath");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } else {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                throw usage("--set: no such file " + name);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        try {
            return LabelledQuestion.parse(name, text);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Optional<Path> agentsDir() {
        Config config = context.components().config();
        return config.knowledge().agentsDir().filter(Files::isDirectory);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
