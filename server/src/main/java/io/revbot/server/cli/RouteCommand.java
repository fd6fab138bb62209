package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.agents.AgentName;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.routing.Router;
import io.revbot.orchestrator.routing.RoutingDecision;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code revbot route "<question>"|- [--json]}: the router's decision, without running anything. */
@Command(
        name = "route",
        mixinStandardHelpOptions = true,
        description = {
            "Prints how RevBot would route a question: answered from a template (direct), sent to one specialist, or"
                    + " left to the manager (supervisor), with the tier that decided and its confidence. Runs nothing.",
            "With - instead of a question, reads one question per line from stdin and prints one JSON object per line"
                    + " (JSON Lines); the embedding model loads once.",
            "Needs no model; with REVBOT_ROUTER_MODEL set (and a model configured) unsure questions ask that model."
        })
final class RouteCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (quote it), or - to read stdin.")
    List<String> words;

    @CommandLine.Mixin
    JsonOutput json;

    RouteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "QUESTION is empty");
        }
        Agents agents = context.components().agentCatalog().current();
        Router router = context.components().router();
        PrintWriter out = context.out();
        if (question.equals("-")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    out.println(JSON.writeValueAsString(asJson(line.strip(), router.route(line.strip(), agents))));
                    out.flush();
                }
            }
            return 0;
        }
        RoutingDecision decision = router.route(question, agents);
        out.println(json.requested() ? JSON.writeValueAsString(asJson(question, decision)) : describe(decision));
        out.flush();
        return 0;
    }

    static ObjectNode asJson(String question, RoutingDecision d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("question", question);
        node.put("decision", d.decision());
        var agents = node.putArray("agents");
        d.agents().stream().map(AgentName::value).forEach(agents::add);
        node.put("tier", d.tier().label());
        node.put("confidence", round(d.confidence()));
        node.put("margin", round(d.margin()));
        node.put("reason", d.reason());
        return node;
    }

    /** "specialist deal_analysis (embedding, confidence 0.93, margin 0.81): like its example questions". */
    static String describe(RoutingDecision d) {
        StringBuilder line = new StringBuilder(d.decision());
        if (!d.agents().isEmpty()) {
            line.append(' ')
                    .append(String.join(
                            ", ", d.agents().stream().map(AgentName::value).toList()));
        }
        line.append(" (").append(d.tier().label());
        if (d.confidence() != null) {
            line.append(String.format(Locale.ROOT, ", confidence %.2f", d.confidence()));
        }
        if (d.margin() != null) {
            line.append(String.format(Locale.ROOT, ", margin %.2f", d.margin()));
        }
        return line.append("): ").append(d.reason()).toString();
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1000) / 1000.0;
    }
}
