package io.revbot.bench.supervisor;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.supervisor.SupervisorAgent;
import dev.langchain4j.agentic.supervisor.SupervisorResponseStrategy;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.V;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.ModelSettings;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.ToolRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code SupervisorBench}: prints, from one run,
 *
 * <ol>
 *   <li>RevBot's orchestration overhead per supervisor step (one model round trip and what the loop does around it)
 *       with a zero-latency scripted model: median and p99 over many runs of "manager delegates to a specialist,
 *       the specialist answers, the manager answers";
 *   <li>the same scenario run by langchain4j-agentic's supervisor on the same scripted model, and the ratio;
 *   <li>the wall time of a two-specialist question with 300 ms per model call, concurrent (both delegations in one
 *       manager turn) versus sequential (one delegation per manager turn, as Bedrock Agents' supervisor did), and
 *       the ratio.
 * </ol>
 *
 * Run: see bench/supervisor-bench.md.
 */
public final class SupervisorBench {
    static final String MANAGER = "BENCH MANAGER";
    static final String SPECIALIST = "BENCH SPECIALIST";
    private static final ToolExecutionRequest DELEGATE_DEAL = ToolExecutionRequest.builder()
            .id("t1")
            .name("ask_deal_analysis")
            .arguments("{\"request\":\"Review Vertex\"}")
            .build();

    private SupervisorBench() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        if (args.length > 1 && args[1].equals("--revbot-only")) { // for a profiler: RevBot's scenario, nothing else
            Stats revbot = overheadOfRevbot(runs);
            System.out.printf(Locale.ROOT, "RevBot median %.1f µs, p99 %.1f µs%n", revbot.median(), revbot.p99());
            return;
        }
        System.out.println("RevBot supervisor benchmark (" + runs + " measured runs per scenario, after warm-up)");

        Stats revbot = overheadOfRevbot(runs);
        Stats agentic = overheadOfAgentic(runs);
        Stats bare = overheadOfBareAiService(runs);
        System.out.printf(
                Locale.ROOT,
                "%nOrchestration overhead per supervisor step, zero-latency model:%n"
                        + "  RevBot ManagerLoop        median %6.1f µs   p99 %7.1f µs   (%d model calls per run)%n"
                        + "  langchain4j-agentic       median %6.1f µs   p99 %7.1f µs   (%d model calls per run)%n"
                        + "  ratio RevBot/agentic      median %.2f        p99 %.2f   (target: ≤ 0.50; RevBot target < 50 µs)%n"
                        + "  for reference, a bare LangChain4j AI-service call on this machine:"
                        + " median %.1f µs, p99 %.1f µs%n",
                revbot.median(),
                revbot.p99(),
                revbot.stepsPerRun(),
                agentic.median(),
                agentic.p99(),
                agentic.stepsPerRun(),
                revbot.median() / agentic.median(),
                revbot.p99() / agentic.p99(),
                bare.median(),
                bare.p99());

        Duration latency = Duration.ofMillis(300);
        Duration concurrent = twoSpecialists(true, latency);
        Duration sequential = twoSpecialists(false, latency);
        System.out.printf(
                Locale.ROOT,
                "%nTwo-specialist question, 300 ms per model call (each specialist: %d tool rounds, then its answer):%n"
                        + "  concurrent (both delegations in one manager turn)   %5d ms%n"
                        + "  sequential (one delegation per manager turn)         %5d ms%n"
                        + "  ratio concurrent/sequential                          %.3f  (target: ≤ 0.55; ideal with"
                        + " zero overhead %.3f)%n",
                SPECIALIST_TOOL_ROUNDS,
                concurrent.toMillis(),
                sequential.toMillis(),
                (double) concurrent.toMillis() / sequential.toMillis(),
                (2.0 + SPECIALIST_TOOL_ROUNDS + 1) / (3.0 + 2 * (SPECIALIST_TOOL_ROUNDS + 1)));
    }

    /** Per-run overhead per step, in microseconds. */
    record Stats(double[] perStepMicros, long stepsPerRun) {
        double median() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double q) {
            double[] sorted = perStepMicros.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    // --- RevBot ---

    static Stats overheadOfRevbot(int runs) {
        BenchChatModel model = new BenchChatModel(SupervisorBench::revbotScript, Duration.ZERO);
        ManagerLoop loop = ManagerLoop.builder()
                .agents(catalog(agents()))
                .model(model)
                .tools(ToolRegistry.of(List.of(new BenchTools())))
                .build();
        AtomicInteger session = new AtomicInteger();
        Runnable once = () -> {
            RunResult r = loop.run(
                    Request.of(
                            "How is Vertex?",
                            new SessionId("bench-" + session.incrementAndGet()),
                            Channel.CLI,
                            new Principal.LocalUser("bench"),
                            Instant.now()),
                    RunListener.NONE);
            if (!r.answer().startsWith("Final")) {
                throw new IllegalStateException("unexpected answer " + r.answer());
            }
        };
        return measure(model, once, runs);
    }

    static AiMessage revbotScript(ChatRequest request) {
        String system = systemText(request);
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        if (system.contains(MANAGER)) {
            return last instanceof ToolExecutionResultMessage
                    ? AiMessage.from("Final: " + ((ToolExecutionResultMessage) last).text())
                    : AiMessage.from(List.of(DELEGATE_DEAL));
        }
        return AiMessage.from("Vertex: probability 38 %");
    }

    /** As the agent catalog does: the same specs every run until they are edited. */
    static java.util.function.Supplier<Agents> catalog(Agents specs) {
        return () -> specs;
    }

    static Agents agents() {
        return new Agents(Map.of(
                AgentName.MANAGER,
                new AgentSpec(AgentName.MANAGER, "manager", List.of(), ModelSettings.DEFAULTS, MANAGER, "bench"),
                AgentName.DEAL_ANALYSIS,
                new AgentSpec(
                        AgentName.DEAL_ANALYSIS,
                        "Reviews deals.",
                        List.of("deal_review"),
                        ModelSettings.DEFAULTS,
                        SPECIALIST + " deal",
                        "bench"),
                AgentName.DATA,
                new AgentSpec(
                        AgentName.DATA,
                        "Numbers.",
                        List.of("run_sql"),
                        ModelSettings.DEFAULTS,
                        SPECIALIST + " data",
                        "bench")));
    }

    // --- a bare AI service, for reference ---

    /** One LangChain4j AI service with a system message and no tools: the floor a specialist step sits on. */
    public interface Bare {
        String answer(@dev.langchain4j.service.UserMessage String request);
    }

    static Stats overheadOfBareAiService(int runs) {
        BenchChatModel model = new BenchChatModel(request -> AiMessage.from("Vertex: probability 38 %"), Duration.ZERO);
        Bare bare = dev.langchain4j.service.AiServices.builder(Bare.class)
                .chatModel(model)
                .systemMessageProvider(memoryId -> SPECIALIST)
                .build();
        return measure(model, () -> bare.answer("Review Vertex"), runs);
    }

    // --- langchain4j-agentic ---

    /** The same specialist as an agentic sub-agent. */
    public interface DealAnalyst {
        @dev.langchain4j.service.UserMessage("{{request}}")
        @Agent(value = "Reviews deals.", outputKey = "review")
        String review(@V("request") String request);
    }

    static Stats overheadOfAgentic(int runs) {
        BenchChatModel model = new BenchChatModel(SupervisorBench::agenticScript, Duration.ZERO);
        DealAnalyst analyst =
                AgenticServices.agentBuilder(DealAnalyst.class).chatModel(model).build();
        SupervisorAgent supervisor = AgenticServices.supervisorBuilder()
                .chatModel(model)
                .subAgents(analyst)
                .responseStrategy(SupervisorResponseStrategy.LAST)
                .maxAgentsInvocations(4)
                .build();
        Runnable once = () -> {
            String answer = supervisor.invoke("How is Vertex?");
            if (answer == null) {
                throw new IllegalStateException("no answer");
            }
        };
        return measure(model, once, runs);
    }

    static AiMessage agenticScript(ChatRequest request) {
        String system = systemText(request);
        String user = request.messages().stream()
                .filter(m -> m instanceof UserMessage)
                .map(m -> ((UserMessage) m).singleText())
                .reduce((a, b) -> b)
                .orElse("");
        if (system.contains("planner")) {
            return user.contains("The last received response is: ''")
                    ? AiMessage.from("{\"agentName\":\"review\",\"arguments\":{\"request\":\"Review Vertex\"}}")
                    : AiMessage.from("{\"agentName\":\"done\",\"arguments\":{\"response\":\"Final: reviewed\"}}");
        }
        return AiMessage.from("Vertex: probability 38 %");
    }

    // --- harness ---

    static Stats measure(BenchChatModel model, Runnable once, int runs) {
        for (int i = 0; i < Math.max(10_000, runs); i++) { // until the JIT has compiled both loops' hot paths
            once.run();
        }
        double[] perStep = new double[runs];
        long steps = 0;
        for (int i = 0; i < runs; i++) {
            model.reset();
            long start = System.nanoTime();
            once.run();
            long total = System.nanoTime() - start;
            steps = model.calls();
            perStep[i] = (total - model.nanosInside()) / 1_000.0 / steps;
        }
        return new Stats(perStep, steps);
    }

    /**
     * Tool rounds per specialist before it answers: a deal question typically takes a review, the calls and a
     * knowledge lookup. With k rounds a specialist makes k + 1 model calls, so the ideal ratio is
     * (2 + (k + 1)) / (3 + 2 (k + 1)) in model-call units: 0.545 for k = 3.
     */
    static final int SPECIALIST_TOOL_ROUNDS = 3;

    static Duration twoSpecialists(boolean concurrent, Duration latency) {
        Function<ChatRequest, AiMessage> script = request -> {
            String system = systemText(request);
            ChatMessage last = request.messages().get(request.messages().size() - 1);
            if (system.contains(MANAGER)) {
                long results = request.messages().stream()
                        .filter(m -> m instanceof ToolExecutionResultMessage)
                        .count();
                if (concurrent) {
                    return results == 0
                            ? AiMessage.from(List.of(DELEGATE_DEAL, delegate("t2", "ask_data", "Pipeline")))
                            : AiMessage.from("Final: both answered");
                }
                if (results == 0) {
                    return AiMessage.from(List.of(DELEGATE_DEAL));
                }
                return results == 1
                        ? AiMessage.from(List.of(delegate("t2", "ask_data", "Pipeline")))
                        : AiMessage.from("Final: both answered");
            }
            long rounds = request.messages().stream()
                    .filter(m -> m instanceof ToolExecutionResultMessage)
                    .count();
            if (rounds >= SPECIALIST_TOOL_ROUNDS && last instanceof ToolExecutionResultMessage result) {
                return AiMessage.from("Specialist answer from " + result.text());
            }
            String tool = system.contains("deal") ? "deal_review" : "run_sql";
            String args = tool.equals("deal_review") ? "{\"opportunity\":\"Vertex\"}" : "{\"sql\":\"select 1\"}";
            return AiMessage.from(List.of(delegate("s-" + tool + "-" + rounds, tool, null, args)));
        };
        BenchChatModel model = new BenchChatModel(script, latency);
        ManagerLoop loop = ManagerLoop.builder()
                .agents(catalog(agents()))
                .model(model)
                .tools(ToolRegistry.of(List.of(new BenchTools())))
                .build();
        Duration took = Duration.ZERO;
        for (int run = 0; run < 2; run++) { // the first run builds the specialists' AI services; the second is timed
            long start = System.nanoTime();
            RunResult result = loop.run(
                    Request.of(
                            "Vertex and pipeline?",
                            SessionId.random("bench"),
                            Channel.CLI,
                            new Principal.LocalUser("bench"),
                            Instant.now()),
                    RunListener.NONE);
            took = Duration.ofNanos(System.nanoTime() - start);
            if (result.agentsUsed().size() != 2 || result.toolCalls() != 2 * SPECIALIST_TOOL_ROUNDS) {
                throw new IllegalStateException("unexpected run: " + result);
            }
        }
        return took;
    }

    private static ToolExecutionRequest delegate(String id, String tool, String request) {
        return delegate(id, tool, request, "{\"request\":\"" + request + "\"}");
    }

    private static ToolExecutionRequest delegate(String id, String tool, String request, String args) {
        return ToolExecutionRequest.builder().id(id).name(tool).arguments(args).build();
    }

    private static String systemText(ChatRequest request) {
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s) {
                return s.text();
            }
        }
        return "";
    }

    /** Instant tools with the canonical names. */
    public static final class BenchTools {
        @Tool(name = "deal_review", value = "Reviews a deal.")
        public String dealReview(@P("opportunity") String opportunity) {
            return "{\"probability\":38}";
        }

        @Tool(name = "run_sql", value = "Runs SQL.")
        public String runSql(@P("sql") String sql) {
            return "total\n1200000";
        }
    }
}
