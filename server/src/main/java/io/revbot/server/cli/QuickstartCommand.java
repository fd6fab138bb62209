package io.revbot.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code revbot quickstart}: RevBot's main job on embedded defaults, with nothing configured. Builds the demo
 * warehouse and the knowledge index, then runs the deterministic analyses a RevOps lead would try first, and ends
 * by saying how to add a model for {@code ask}. Each step is an ordinary command, shown so people can rerun it.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what RevBot does offline on the embedded demo data: warehouse, knowledge base, deal review,"
                    + " pipeline, churn risk and competitors; then how to add a model for `ask`.",
            "Every step is a regular command you can run on its own."
        })
final class QuickstartCommand implements Callable<Integer> {
    static final String DEMO_DEAL = "Vertex Analytics - Platform Migration";

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    QuickstartCommand(CliContext context) {
        this.context = context;
    }

    /** One step of the tour: a title and the command line it runs. */
    record Step(String title, List<String> args) {}

    static List<Step> steps() {
        return List.of(
                new Step(
                        "The demo warehouse (generated on first use under REVBOT_HOME)",
                        List.of(
                                "sql",
                                "select stage_name, count(*) as deals, sum(amount) as tcv_usd from opportunity_d"
                                        + " group by stage_name order by min(probability), stage_name")),
                new Step("The knowledge base: RevOps rules, schema, SQL patterns, playbooks", List.of("ingest")),
                new Step(
                        "Knowledge search with citations",
                        List.of("kb", "search", "What must be true to leave the Negotiate stage?", "--k", "3")),
                new Step("Deal review: MEDDPICC from CRM fields and call evidence", List.of("deal", DEMO_DEAL)),
                new Step("Pipeline and forecast for this quarter", List.of("pipeline", "--by", "stage")),
                new Step("Churn risk, expansion and conversion candidates", List.of("churn", "--top", "5")),
                new Step("Competitors named in calls", List.of("competitors", "--account", "Orion Health")));
    }

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        CommandLine root = spec.root().commandLine();
        out.println("RevBot quickstart: everything below runs offline on the embedded demo data.");
        int failures = 0;
        List<Step> steps = steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            out.printf("%n== %d/%d %s%n$ ./revbot %s%n", i + 1, steps.size(), step.title(), shellJoin(step.args()));
            out.flush();
            int code = root.execute(step.args().toArray(String[]::new));
            if (code != 0) {
                failures++;
                out.println("(this step failed; the message above says why)");
            }
            out.flush();
        }
        out.println();
        var model = context.components().config().model();
        if (model.configured()) {
            out.println("A model is configured (" + model.provider().name().toLowerCase() + "). Ask a question:");
        } else {
            out.println("To ask questions in plain language, add a model. " + model.howToConfigure());
            out.println("Then ask, for example:");
        }
        out.println("  ./revbot ask \"Which deals close this quarter and which are at risk?\"");
        out.println("  ./revbot ask \"Review the " + DEMO_DEAL + " deal\"");
        out.println("Serve Slack and the webhook API with ./revbot serve (see README.md).");
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    static String shellJoin(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String arg : args) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            boolean plain = arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:".indexOf(c) >= 0);
            sb.append(plain ? arg : "\"" + arg.replace("\"", "\\\"") + "\"");
        }
        return sb.toString();
    }
}
