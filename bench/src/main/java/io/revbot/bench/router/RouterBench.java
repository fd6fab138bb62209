package io.revbot.bench.router;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.routing.LabelledQuestion;
import io.revbot.orchestrator.routing.Router;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code RouterBench}: prints, from one run on the shipped agents and the test split's questions,
 *
 * <ol>
 *   <li>the router's decision time once the embedding model is loaded and the classifier trained (p50, p99; target
 *       p50 ≤ 10 ms), rules and embedding tiers only (the model tier is a network call);
 *   <li>model calls and input tokens per question, answered through the router and through the manager path (no
 *       router) on the same questions with the same scripted model, and their ratios.
 * </ol>
 *
 * The scripted model ({@link ScriptedAgents}) plays each agent plausibly: the manager delegates to the labelled
 * specialists (passing a single one through, as its instructions ask) or answers small talk itself; a specialist
 * calls one tool, then answers. Input tokens are estimated from what each call sends (instructions, messages, tool
 * definitions: 4 characters a token), so both paths are measured the same way. Run: {@code bench/run router}.
 */
public final class RouterBench {
    private RouterBench() {}

    /** The tools the scripted specialists call (names every specialist's agent.yaml can list). */
    public static final class BenchTools {
        @Tool(name = "knowledge_search", value = "Searches the knowledge base.")
        public String knowledgeSearch(@P("what to look for") String query) {
            return "Pipeline counts open opportunities from stage Discover onwards (business_logic/pipeline_rules.md).";
        }

        @Tool(name = "get_crm_record", value = "Reads one CRM record by id.")
        public String crmRecord(@P("the record id") String id) {
            return "{\"id\":\"006Dm000001\",\"name\":\"Vertex Analytics - Platform Migration\",\"stage\":\"Negotiate\"}";
        }
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Path agentsDir = Path.of(args.length > 0 ? args[0] : "agents");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Agents agents = AgentLoader.fromDirectory(agentsDir);
        List<LabelledQuestion> questions = LabelledQuestion.parse(
                "routing-test.tsv", Files.readString(agentsDir.resolve("routing-test.tsv"), StandardCharsets.UTF_8));
        System.out.println("RevBot router benchmark (" + questions.size() + " questions of the test split)");

        long t0 = System.nanoTime();
        AllMiniLmL6V2QuantizedEmbeddingModel miniLm = new AllMiniLmL6V2QuantizedEmbeddingModel();
        long loaded = System.nanoTime();
        Router router = Router.create(miniLm, Optional.empty(), Optional.of(Files.createTempDirectory("router-bench")));
        router.prepare(agents);
        long prepared = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "%nstart-up: embedding model %.1f s, embedding %d examples and training %.1f s (cached under"
                        + " REVBOT_HOME/cache after the first start)%n",
                (loaded - t0) / 1e9,
                agents.all().values().stream()
                        .mapToInt(a -> a.examples().size())
                        .sum(),
                (prepared - loaded) / 1e9);

        double[] millis = decisionTimes(router, agents, questions, passes);
        double p50 = percentile(millis, 0.50);
        double p99 = percentile(millis, 0.99);
        System.out.printf(
                Locale.ROOT,
                "%nRouting decision, model loaded (%d decisions, rules + embedding):%n"
                        + "  p50 %.2f ms   p99 %.2f ms   (target p50 <= 10 ms: %s)%n",
                millis.length,
                p50,
                p99,
                p50 <= 10 ? "met" : "MISSED");

        compareCosts(router, agents, questions);
    }

    private static double[] decisionTimes(Router router, Agents agents, List<LabelledQuestion> questions, int passes) {
        for (int i = 0; i < 3; i++) { // warm-up: JIT, the ONNX session's first runs
            questions.forEach(q -> router.route(q.question(), agents, () -> null));
        }
        double[] millis = new double[questions.size() * passes];
        int n = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (LabelledQuestion q : questions) {
                long start = System.nanoTime();
                router.route(q.question(), agents, () -> null);
                millis[n++] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    private static void compareCosts(Router router, Agents agents, List<LabelledQuestion> questions) {
        ScriptedAgents script = new ScriptedAgents(agents, questions);
        Totals manager = costs(loop(agents, script, Optional.empty()), script, questions);
        Totals routed = costs(loop(agents, script, Optional.of(router)), script, questions);
        System.out.printf(
                Locale.ROOT,
                "%nModel calls and input tokens per question, same questions and scripted model:%n"
                        + "  %-22s %10s %14s%n"
                        + "  %-22s %10.2f %14.0f%n"
                        + "  %-22s %10.2f %14.0f%n"
                        + "  %-22s %10.2f %14.2f%n",
                "",
                "calls",
                "input tokens",
                "manager path",
                manager.callsPerQuestion(questions.size()),
                manager.inputPerQuestion(questions.size()),
                "routed (router first)",
                routed.callsPerQuestion(questions.size()),
                routed.inputPerQuestion(questions.size()),
                "ratio routed / manager",
                (double) routed.calls / manager.calls,
                (double) routed.input / manager.input);
        for (LabelledQuestion.Kind kind : LabelledQuestion.Kind.values()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-7s questions: calls %.2f -> %.2f, input tokens %.0f -> %.0f (ratio %.2f)%n",
                    kind.label(),
                    manager.byKind[kind.ordinal()].calls / (double) manager.byKind[kind.ordinal()].questions,
                    routed.byKind[kind.ordinal()].calls / (double) routed.byKind[kind.ordinal()].questions,
                    manager.byKind[kind.ordinal()].input / (double) manager.byKind[kind.ordinal()].questions,
                    routed.byKind[kind.ordinal()].input / (double) routed.byKind[kind.ordinal()].questions,
                    routed.byKind[kind.ordinal()].input / (double) manager.byKind[kind.ordinal()].input);
        }
        System.out.println("  (a specialist makes one tool call and answers; the manager delegates to the labelled"
                + " specialists, passing a single one through; a routed specialist never hands back here)");
    }

    private static ManagerLoop loop(Agents agents, ScriptedAgents script, Optional<Router> router) {
        ManagerLoop.Builder builder = ManagerLoop.builder()
                .agents(() -> agents)
                .model(script)
                .tools(ToolRegistry.of(List.of(new BenchTools())));
        router.ifPresent(builder::router);
        return builder.build();
    }

    private static Totals costs(ManagerLoop loop, ScriptedAgents script, List<LabelledQuestion> questions) {
        Totals totals = new Totals();
        for (LabelledQuestion q : questions) {
            long callsBefore = script.calls();
            RunResult result = loop.run(
                    Request.of(
                            q.question(),
                            SessionId.random("bench"),
                            Channel.CLI,
                            new Principal.LocalUser("bench"),
                            Instant.now()),
                    RunListener.NONE);
            long calls = script.calls() - callsBefore;
            totals.add(q.kind(), calls, result.usage().input());
        }
        return totals;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static final class Totals {
        long calls;
        long input;
        final Kind[] byKind = {new Kind(), new Kind(), new Kind()};

        void add(LabelledQuestion.Kind kind, long calls, long input) {
            this.calls += calls;
            this.input += input;
            Kind k = byKind[kind.ordinal()];
            k.questions++;
            k.calls += calls;
            k.input += input;
        }

        double callsPerQuestion(int n) {
            return (double) calls / n;
        }

        double inputPerQuestion(int n) {
            return (double) input / n;
        }
    }

    private static final class Kind {
        long questions;
        long calls;
        long input;
    }
}
