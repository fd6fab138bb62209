package io.revbot.bench.slack;

import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.slack.SlackBot;
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
 * the thread, and to the whole answer, for the same run, with a writer that streams the answer over 3 s (a fake
 * Bedrock streaming ConverseStream over HTTP/1.1 to the composition root's supervisor). Side by side: an agent workspace (answer streamed
 * with {@code chat.startStream}/{@code appendStream}/{@code stopStream}) and a workspace that refuses the agent
 * methods (plain {@code chat.postMessage}/{@code chat.update}, where the first words are the whole answer). Slack is a
 * local fake Web API recording when each call arrives. Target: first words / whole answer ≤ 0.5 when streaming.
 */
public final class SlackStreamingBenchmark {
    private static final String SECRET = "bench-signing-secret-0123456789abcdef";
    private static final int FRAGMENTS = 60;
    private static final String ANSWER = "*Acme renewal*\n"
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
        // The manager's model: a fake Bedrock streaming ConverseStream over HTTP/1.1 (the real async AWS client),
        // writing ANSWER in FRAGMENTS deltas spread over the writing time.
        System.setProperty("aws.accessKeyId", "AKIDBENCH");
        System.setProperty("aws.secretAccessKey", "bench-secret");
        FakeConverse converse = new FakeConverse()
                .streaming((ANSWER.length() + FRAGMENTS - 1) / FRAGMENTS, Duration.ofMillis((long)
                        (writing * 1000 / FRAGMENTS)));
        // one reply per model call: each run of both sides asks once
        converse.on(
                "You are RevBot, the revenue operations assistant",
                java.util.Collections.nCopies(2 * runs, FakeConverse.text(ANSWER)));
        try (MockWebServer bedrock = new MockWebServer()) {
            bedrock.setDispatcher(converse);
            bedrock.start(InetAddress.getLoopbackAddress(), 0);
            List<Timing> streamed = measure(true, runs, writing, bedrock);
            List<Timing> plain = measure(false, runs, writing, bedrock);
            print(streamed, plain, writing);
        }
        System.exit(0);
    }

    private static List<Timing> measure(boolean agent, int runs, double writingSeconds, MockWebServer bedrock)
            throws Exception {
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
            java.nio.file.Path home = java.nio.file.Files.createTempDirectory("revbot-bench-slack");
            java.nio.file.Files.createDirectories(home.resolve("kb/business_logic"));
            java.nio.file.Files.writeString(
                    home.resolve("kb/business_logic/stages.md"),
                    "# Stages\n\n## Commit\n\nSigned-off business case.\n");
            Map<String, String> env = new java.util.HashMap<>();
            env.put("REVBOT_MODEL_PROVIDER", "bedrock");
            env.put("REVBOT_MODEL", "bench-model");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "AKIDBENCH");
            env.put("REVBOT_BEDROCK_ENDPOINT", "http://127.0.0.1:" + bedrock.getPort());
            env.put("REVBOT_HOME", home.toString());
            env.put("REVBOT_EXPORT_DIR", home.resolve("conversations").toString());
            env.put("REVBOT_KNOWLEDGE_DIR", home.resolve("kb").toString());
            env.put("REVBOT_ROUTER", "false");
            env.put("REVBOT_GROUNDING", "off");
            env.put("SLACK_BOT_TOKEN", "xoxb-bench");
            env.put("SLACK_SIGNING_SECRET", SECRET);
            env.put("REVBOT_SLACK_API_URL", slack.url("/api/").toString());
            env.put("REVBOT_SLACK_TEAM_IDS", "T123ABC456");
            env.put("REVBOT_SLACK_APP_ID", "A123ABC456");
            try (Components components = new Components(Config.from(Settings.of(env)), Clock.systemUTC())) {
                SlackBot bot = components.slackBot().orElseThrow();
                JobWorkers workers = new JobWorkers(
                                components.jobQueue(),
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
                        .orElseThrow(() -> new IllegalStateException("the answer never reached Slack: " + calls));
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
                "Slack time to answer (loopback: fake Slack Web API, fake Bedrock ConverseStream over HTTP/1.1 writing for %.1f s), %d runs each:%n",
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
