package io.revbot.bench.slack;

import io.helidon.webserver.WebServer;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.RunResult;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.TokenUsage;
import io.revbot.orchestrator.recording.FeedbackStore;
import io.revbot.server.config.AccessConfig;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.slack.SlackBot;
import io.revbot.tools.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * When a Slack user sees the answer: time from the signed {@code app_mention} to the first words of the answer in
 * the thread, and to the whole answer, for the same run, with a writer that streams the answer over 3 s (a scripted
 * supervisor emitting {@code AnswerDelta}s, as the model side does). Side by side: an agent workspace (answer streamed
 * with {@code chat.startStream}/{@code appendStream}/{@code stopStream}) and a workspace that refuses the agent
 * methods (plain {@code chat.postMessage}/{@code chat.update}, where the first words are the whole answer). Slack is a
 * local fake Web API recording when each call arrives. Target: first words / whole answer ≤ 0.5 when streaming.
 */
public final class SlackStreamingBenchmark {
    private static final String SECRET = "bench-signing-secret-0123456789abcdef";
    private static final int FRAGMENTS = 60;
    private static final String ANSWER = "## Acme renewal\n\n"
            + "Acme is likely to renew: usage grew in all three regions and the champion is engaged. ".repeat(12);

    /** One Web API call as the fake received it. */
    record Call(String method, Map<String, String> params, long atNanos) {}

    /** One run's figures: from the event's send time to the first answer text and to the whole answer. */
    record Timing(double firstTextSeconds, double wholeSeconds) {
        double ratio() {
            return firstTextSeconds / wholeSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = intArg(args, "--runs", 3);
        double writing = doubleArg(args, "--writing-seconds", 3.0);
        List<Timing> streamed = measure(true, runs, writing);
        List<Timing> plain = measure(false, runs, writing);
        print(streamed, plain, writing);
        System.exit(0);
    }

    private static List<Timing> measure(boolean agent, int runs, double writingSeconds) throws Exception {
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicInteger nextTs = new AtomicInteger(1);
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    String method = path.substring(path.lastIndexOf('/') + 1);
                    calls.add(new Call(
                            method,
                            form(
                                    request.getBody() == null
                                            ? ""
                                            : request.getBody().utf8()),
                            System.nanoTime()));
                    boolean agentMethod = method.startsWith("agents.") || method.endsWith("Stream");
                    String body = !agent && agentMethod
                            ? "{\"ok\":false,\"error\":\"not_authorized\"}"
                            : "{\"ok\":true,\"channel\":\"C123ABC456\",\"ts\":\"1700000000."
                                    + String.format(Locale.ROOT, "%06d", nextTs.getAndIncrement()) + "\"}";
                    return new MockResponse.Builder()
                            .code(200)
                            .addHeader("Content-Type", "application/json; charset=utf-8")
                            .body(body)
                            .build();
                }
            });
            slack.start(InetAddress.getLoopbackAddress(), 0);
            InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC());
            var config = new Config.SlackConfig(
                    Optional.of(Secret.of("xoxb-bench")),
                    Optional.of(Secret.of(SECRET)),
                    Optional.empty(),
                    slack.url("/api/").uri(),
                    List.of(),
                    Duration.ofMinutes(15));
            var access = new AccessConfig.SlackAccess(
                    List.of("T123ABC456"), Optional.of("A123ABC456"), false, List.of(), List.of(), List.of());
            Duration writing = Duration.ofMillis((long) (writingSeconds * 1000));
            try (SlackBot bot = new SlackBot(
                    config,
                    access,
                    queue,
                    () -> new WritingSupervisor(writing),
                    RunListener.NONE,
                    null,
                    FeedbackStore.NONE,
                    Clock.systemUTC(),
                    SlackBot.DEFAULT_CHANNEL_INTERVAL,
                    SlackBot.DEFAULT_STREAM_INTERVAL)) {
                JobWorkers workers = new JobWorkers(
                                queue,
                                Map.of(JobKind.SLACK_EVENT, bot.eventHandler()),
                                JobWorkers.Settings.of(1, Duration.ofMinutes(1)).withPollInterval(Duration.ofMillis(5)),
                                JobObserver.NONE,
                                "bench-slack-stream")
                        .start();
                WebServer server = WebServer.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .routing(r -> r.register("/slack", bot.httpService()))
                        .build()
                        .start();
                try {
                    HttpClient http = HttpClient.newHttpClient();
                    URI events = URI.create("http://127.0.0.1:" + server.port() + "/slack/events");
                    List<Timing> timings = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        String threadTs = "17000001" + String.format(Locale.ROOT, "%02d", i) + ".000100";
                        calls.clear();
                        long sent = System.nanoTime();
                        HttpResponse<String> ack = http.send(
                                event(events, "EvSTREAM" + agent + i, threadTs), HttpResponse.BodyHandlers.ofString());
                        if (ack.statusCode() != 200) {
                            throw new IllegalStateException("the event was not acknowledged: " + ack.statusCode());
                        }
                        timings.add(awaitAnswer(calls, agent, sent));
                    }
                    return timings;
                } finally {
                    server.stop();
                    workers.stop(Duration.ofSeconds(5));
                }
            }
        }
    }

    /** Waits for the whole answer and reads both times off the calls the fake Slack received. */
    private static Timing awaitAnswer(List<Call> calls, boolean agent, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Call> whole = calls.stream()
                    .filter(c -> agent
                            ? c.method().equals("chat.stopStream")
                            : c.method().equals("chat.update")
                                    && c.params().getOrDefault("text", "").contains("Acme renewal"))
                    .findFirst();
            if (whole.isPresent()) {
                Call first = calls.stream()
                        .filter(c -> answerText(c).contains("Acme"))
                        .findFirst()
                        .orElseThrow();
                return new Timing((first.atNanos() - sent) / 1e9, (whole.get().atNanos() - sent) / 1e9);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no answer within 60 s; calls: "
                + calls.stream().map(Call::method).toList());
    }

    /** The answer text a call carries: streamed markdown, or a plain message's text. */
    private static String answerText(Call c) {
        return switch (c.method()) {
            case "chat.startStream", "chat.appendStream", "chat.stopStream" ->
                c.params().getOrDefault("markdown_text", "") + c.params().getOrDefault("chunks", "");
            case "chat.update" -> c.params().getOrDefault("text", "");
            default -> "";
        };
    }

    /** A supervisor whose manager writes {@link #ANSWER} in fragments spread over {@code writing}. */
    private record WritingSupervisor(Duration writing) implements Supervisor {
        @Override
        public RunResult run(Request request, RunListener listener) {
            long start = System.nanoTime();
            listener.on(new RunEvent.RunStarted(request.runId(), Instant.now(), request, "Today is 2026-12-06"));
            for (int i = 0; i < FRAGMENTS; i++) {
                try {
                    Thread.sleep(writing.dividedBy(FRAGMENTS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                listener.on(new RunEvent.AnswerDelta(
                        request.runId(),
                        Instant.now(),
                        AgentName.MANAGER,
                        ANSWER.substring(ANSWER.length() * i / FRAGMENTS, ANSWER.length() * (i + 1) / FRAGMENTS)));
            }
            listener.on(new RunEvent.AnswerProduced(
                    request.runId(), Instant.now(), ANSWER, Routing.DIRECT, AgentName.MANAGER));
            RunResult result = new RunResult(
                    request.runId(),
                    request.session(),
                    ANSWER,
                    Routing.DIRECT,
                    List.of(),
                    1,
                    TokenUsage.ZERO,
                    Duration.ofNanos(System.nanoTime() - start));
            listener.on(new RunEvent.RunSucceeded(request.runId(), Instant.now(), result));
            return result;
        }
    }

    private static HttpRequest event(URI events, String eventId, String ts) {
        String body = "{\"token\":\"x\",\"team_id\":\"T123ABC456\",\"api_app_id\":\"A123ABC456\",\"event\":"
                + "{\"type\":\"app_mention\",\"user\":\"U061F7AUR\",\"text\":\"<@U0LAN0Z89> how is the Acme renewal?\","
                + "\"ts\":\"" + ts + "\",\"channel\":\"C123ABC456\",\"event_ts\":\"" + ts + "\"},"
                + "\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":1700000000,"
                + "\"authorizations\":[{\"team_id\":\"T123ABC456\",\"user_id\":\"U0LAN0Z89\",\"is_bot\":true}]}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return HttpRequest.newBuilder(events)
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0="
                    + HexFormat.of()
                            .formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static void print(List<Timing> streamed, List<Timing> plain, double writing) {
        System.out.printf(
                Locale.ROOT,
                "Slack time to answer (loopback, fake Web API), the writer streaming the answer over %.1f s, %d runs each:%n",
                writing,
                streamed.size());
        System.out.printf(Locale.ROOT, "%-34s %14s %14s %10s%n", "", "first text s", "whole answer s", "ratio");
        for (int i = 0; i < streamed.size(); i++) {
            row("agent (streamed) run " + (i + 1), streamed.get(i));
        }
        for (int i = 0; i < plain.size(); i++) {
            row("plain messages run " + (i + 1), plain.get(i));
        }
        Timing s = median(streamed);
        Timing p = median(plain);
        row("agent (streamed) median", s);
        row("plain messages median", p);
        System.out.printf(
                Locale.ROOT,
                "first words: streamed %.2f s vs plain %.2f s: %.2fx sooner%n",
                s.firstTextSeconds(),
                p.firstTextSeconds(),
                p.firstTextSeconds() / s.firstTextSeconds());
        System.out.printf(
                Locale.ROOT,
                "target first text / whole answer <= 0.5 when streaming: %s (%.2f)%n",
                s.ratio() <= 0.5 ? "PASS" : "FAIL",
                s.ratio());
    }

    private static void row(String name, Timing t) {
        System.out.printf(
                Locale.ROOT, "%-34s %14.3f %14.3f %10.2f%n", name, t.firstTextSeconds(), t.wholeSeconds(), t.ratio());
    }

    private static Timing median(List<Timing> timings) {
        List<Double> first =
                timings.stream().map(Timing::firstTextSeconds).sorted().toList();
        List<Double> whole = timings.stream().map(Timing::wholeSeconds).sorted().toList();
        return new Timing(first.get(first.size() / 2), whole.get(whole.size() / 2));
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static double doubleArg(String[] args, String name, double fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Double.parseDouble(args[i + 1]);
            }
        }
        return fallback;
    }
}
