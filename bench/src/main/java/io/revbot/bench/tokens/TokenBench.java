package io.revbot.bench.tokens;

import dev.langchain4j.model.bedrock.BedrockCachePointPlacement;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockChatRequestParameters;
import dev.langchain4j.model.chat.ChatModel;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.FakeTools;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.Principal;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.SessionId;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.testing.FakeConverse;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import mockwebserver3.MockWebServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * {@code bench/run tokens}: a three-question Slack thread and a one-deal question through RevBot's real agents, the
 * real langchain4j-bedrock client and AWS SDK, against the fake Converse endpoint with its simulated prompt cache
 * ({@code PromptCacheSimulation}: Bedrock's n-th cache point needs n × 1,024 tokens, only exact prefixes are found).
 * Prints per question the input tokens sent, the share behind a cache point (read or written), the share read from
 * the cache, the uncached input and the estimated cost, for the placement RevBot used before (one point, after the
 * system prompt) and the one it uses now, with the ratios. Then a specialist answer of 300,000 characters, capped
 * for the manager against uncapped.
 */
public final class TokenBench {
    static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DEAL = "You are RevBot's deal analyst";
    static final List<String> THREAD =
            List.of("How is Q4 pipeline looking?", "And the Vertex deal in it?", "What should I do next on it?");
    static final String ONE_DEAL = "Review the Vertex Analytics - Platform Migration deal";

    /** Where the cache points go. */
    enum Placement {
        BEFORE("before: after the system prompt"),
        NOW("now: system prompt and history");

        final String label;

        Placement(String label) {
            this.label = label;
        }
    }

    /** One question's run: its tokens of every kind and how many model calls it made. */
    record Turn(String question, TokenUsage usage, int calls) {
        double behind() {
            return ratio(usage.cacheRead() + usage.cacheWrite(), usage.inputSent());
        }

        double read() {
            return ratio(usage.cacheRead(), usage.inputSent());
        }
    }

    private TokenBench() {}

    public static void main(String[] args) throws Exception {
        Agents agents = AgentLoader.fromDirectory(Path.of("agents"));
        PriceTable prices = PriceTable.builtIn();
        Map<Placement, List<Turn>> turns = new LinkedHashMap<>();
        for (Placement placement : Placement.values()) {
            turns.put(placement, conversation(placement, agents));
        }
        printPlacements(turns, prices);
        printCap(agents, prices);
        System.exit(0);
    }

    private static List<Turn> conversation(Placement placement, Agents agents) throws Exception {
        FakeConverse converse = new FakeConverse().simulatePromptCache(1_024);
        script(converse);
        List<Turn> turns = new ArrayList<>();
        withModel(converse, placement, (client, model) -> {
            ManagerLoop loop = ManagerLoop.builder()
                    .agents(() -> agents)
                    .model(model)
                    .tools(ToolRegistry.of(List.of(new FakeTools())))
                    .build();
            SessionId thread = SessionId.random("thread");
            for (String question : THREAD) {
                turns.add(ask(loop, converse, question, thread));
            }
            turns.add(ask(loop, converse, ONE_DEAL, SessionId.random("deal")));
            return null;
        });
        return turns;
    }

    private static Turn ask(ManagerLoop loop, FakeConverse converse, String question, SessionId session) {
        int before = converse.received().size();
        RunResult result = loop.run(
                Request.of(question, session, Channel.SLACK, new Principal.LocalUser("bench"), Instant.now()),
                RunListener.NONE);
        return new Turn(question, result.usage(), converse.received().size() - before);
    }

    /** The same replies for every placement: a direct answer, a delegated deal review, a direct follow-up, one deal. */
    private static void script(FakeConverse c) {
        c.on(
                MANAGER,
                List.of(
                        FakeConverse.text(prose("Q4 pipeline", 1_600)),
                        c.toolUse(
                                "ask_deal_analysis", "{\"request\":\"Review Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.text(prose("Vertex", 2_000)),
                        FakeConverse.text(prose("Next steps", 1_800)),
                        c.toolUse(
                                "ask_deal_analysis", "{\"request\":\"Review Vertex Analytics - Platform Migration\"}"),
                        FakeConverse.text(prose("Vertex review", 2_000))));
        for (int i = 0; i < 2; i++) {
            c.on(
                    DEAL,
                    List.of(
                            c.toolUse("deal_review", "{\"opportunity\":\"Vertex Analytics - Platform Migration\"}"),
                            FakeConverse.textFrom(r -> "Deal review: " + FakeConverse.lastToolResult(r) + "\n\n"
                                    + prose("MEDDPICC", 2_400))));
        }
    }

    private static void printPlacements(Map<Placement, List<Turn>> turns, PriceTable prices) {
        System.out.printf(
                Locale.ROOT,
                "Token economy, model %s, fake Converse endpoint with a simulated prompt cache%n"
                        + "(sent = input + cache read + cache write; behind = share of sent behind a cache point; read ="
                        + " share read from the cache; cost at list prices)%n%n",
                MODEL);
        List<Turn> before = turns.get(Placement.BEFORE);
        List<Turn> now = turns.get(Placement.NOW);
        System.out.printf(
                Locale.ROOT,
                "%-32s %5s | %-42s | %-42s | %s%n",
                "",
                "",
                Placement.BEFORE.label,
                Placement.NOW.label,
                "now / before");
        System.out.printf(
                Locale.ROOT,
                "%-32s %5s | %7s %6s %5s %8s %10s | %7s %6s %5s %8s %10s | %8s %6s%n",
                "question",
                "calls",
                "sent",
                "behind",
                "read",
                "uncached",
                "cost $",
                "sent",
                "behind",
                "read",
                "uncached",
                "cost $",
                "uncached",
                "cost");
        TokenUsage sumBefore = TokenUsage.ZERO;
        TokenUsage sumNow = TokenUsage.ZERO;
        for (int i = 0; i < now.size(); i++) {
            Turn b = before.get(i);
            Turn n = now.get(i);
            String name = (i < THREAD.size() ? "thread " + (i + 1) + ": " : "one deal: ") + n.question;
            System.out.printf(
                    Locale.ROOT,
                    "%-32s %5d | %s | %s | %8.2f %6.2f%n",
                    cut(name, 32),
                    n.calls,
                    columns(b, prices),
                    columns(n, prices),
                    ratio(n.usage.input(), b.usage.input()),
                    ratio(cost(prices, n.usage), cost(prices, b.usage)));
            sumBefore = sumBefore.plus(b.usage);
            sumNow = sumNow.plus(n.usage);
        }
        System.out.printf(
                Locale.ROOT,
                "%-32s %5s | %s | %s | %8.2f %6.2f%n",
                "all four questions",
                "",
                columns(new Turn("", sumBefore, 0), prices),
                columns(new Turn("", sumNow, 0), prices),
                ratio(sumNow.input(), sumBefore.input()),
                ratio(cost(prices, sumNow), cost(prices, sumBefore)));
        Turn third = now.get(2);
        System.out.printf(
                Locale.ROOT,
                "%nthird question of the thread: %.2f of its input behind a cache point (goal >= 0.80), %.2f read from"
                        + " the cache (before: %.2f and %.2f)%n",
                third.behind(),
                third.read(),
                before.get(2).behind(),
                before.get(2).read());
    }

    private static String columns(Turn t, PriceTable prices) {
        return String.format(
                Locale.ROOT,
                "%7d %6.2f %5.2f %8d %10.5f",
                t.usage.inputSent(),
                t.behind(),
                t.read(),
                t.usage.input(),
                cost(prices, t.usage));
    }

    /** A 300,000-character specialist answer: what the manager's next request carries, capped and uncapped. */
    private static void printCap(Agents agents, PriceTable prices) throws Exception {
        System.out.printf(Locale.ROOT, "%nA deal analyst answer of 300,000 characters (placement: now)%n");
        long[] managerSent = new long[2];
        double[] runCost = new double[2];
        Integer[] caps = {null, 1_000_000}; // the default cap, and none that a 300,000-character answer reaches
        for (int i = 0; i < caps.length; i++) {
            FakeConverse converse = new FakeConverse().simulatePromptCache(1_024);
            converse.on(
                    MANAGER,
                    List.of(
                            converse.toolUse("ask_deal_analysis", "{\"request\":\"Review every open deal in detail\"}"),
                            FakeConverse.text(prose("Summary", 2_000))));
            converse.on(DEAL, List.of(FakeConverse.text(prose("Deal", 300_000))));
            Integer cap = caps[i];
            RunResult result = withModel(converse, Placement.NOW, (client, model) -> {
                ManagerLoop.Builder loop = ManagerLoop.builder()
                        .agents(() -> agents)
                        .model(model)
                        .tools(ToolRegistry.of(List.of(new FakeTools())));
                if (cap != null) {
                    loop.specialistAnswerTokens(cap);
                }
                return loop.build()
                        .run(
                                Request.of(
                                        "Review every open deal",
                                        SessionId.random("cap"),
                                        Channel.SLACK,
                                        new Principal.LocalUser("bench"),
                                        Instant.now()),
                                RunListener.NONE);
            });
            FakeConverse.Received second = converse.received().get(2);
            managerSent[i] = second.usage().path("inputTokens").asLong()
                    + second.usage().path("cacheReadInputTokens").asLong()
                    + second.usage().path("cacheWriteInputTokens").asLong();
            runCost[i] = cost(prices, result.usage());
        }
        System.out.printf(
                Locale.ROOT,
                "manager's request after the answer: %,d tokens capped (default REVBOT_SPECIALIST_ANSWER_TOKENS) vs"
                        + " %,d uncapped (ratio %.3f); run cost $%.4f vs $%.4f (ratio %.3f)%n",
                managerSent[0],
                managerSent[1],
                ratio(managerSent[0], managerSent[1]),
                runCost[0],
                runCost[1],
                ratio(runCost[0], runCost[1]));
    }

    /** Runs {@code work} with a Bedrock client pointed at {@code converse} and the model of {@code placement}. */
    private static <T> T withModel(
            FakeConverse converse, Placement placement, BiFunction<BedrockRuntimeClient, ChatModel, T> work)
            throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(converse);
            server.start(InetAddress.getLoopbackAddress(), 0);
            try (BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.getPort()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench-secret")))
                    .build()) {
                return work.apply(
                        client,
                        placement == Placement.NOW
                                ? ChatModels.bedrock(client, MODEL)
                                : afterSystemOnly(client, MODEL));
            }
        }
    }

    /** Deterministic prose of about {@code chars} characters. */
    static String prose(String topic, int chars) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; s.length() < chars; i++) {
            s.append(topic)
                    .append(": finding ")
                    .append(i)
                    .append(" with its evidence, the figure it rests on and what it means for the forecast. ");
        }
        return s.substring(0, chars);
    }

    static double cost(PriceTable prices, TokenUsage usage) {
        return prices.cost(MODEL, usage).orElseThrow();
    }

    static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** The Bedrock model as RevBot built it before: LangChain4j's one cache point, after the system prompt. */
    static ChatModel afterSystemOnly(BedrockRuntimeClient client, String model) {
        return BedrockChatModel.builder()
                .client(client)
                .modelId(model)
                .maxRetries(0)
                .defaultRequestParameters(BedrockChatRequestParameters.builder()
                        .modelName(model)
                        .promptCaching(BedrockCachePointPlacement.AFTER_SYSTEM)
                        .build())
                .build();
    }
}
