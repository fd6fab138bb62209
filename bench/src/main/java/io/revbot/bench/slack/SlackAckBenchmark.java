package io.revbot.bench.slack;

import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.RunException;
import io.revbot.server.config.AccessConfig;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.slack.SlackBot;
import io.revbot.tools.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How fast RevBot acknowledges Slack events, next to a bare Helidon handler on the same server answering 200
 * without work. Two phases, loopback only, bounded in time:
 *
 * <ol>
 *   <li>Open loop at a fixed rate (default 200 events/s for 10 s): p50/p99/max latency of each request, measured
 *       from its scheduled send time (so a stall counts against every request queued behind it).
 *   <li>Closed loop, a fixed number of clients sending back to back (default 16 for 5 s): requests per second.
 * </ol>
 *
 * Every Slack event is a distinct, correctly signed {@code app_mention}, so each one is verified, parsed and
 * enqueued (in-memory queue; no workers, so no model work). "Nothing lost" means every event got a 200 and became
 * exactly one job. Run: {@code mvn -o -q -pl bench -am compile exec:java
 * -Dexec.mainClass=io.revbot.bench.slack.SlackAckBenchmark [-Dexec.args="--rate 200 --seconds 10"]}.
 */
public final class SlackAckBenchmark {
    private static final String SECRET = "bench-signing-secret-0123456789abcdef";

    /** What one phase measured for one endpoint. */
    public record Phase(
            int sent, int ok, double perSecond, double p50Millis, double p99Millis, double maxMillis, long[] nanos) {}

    private static Phase merge(List<Phase> rounds) {
        int sent = rounds.stream().mapToInt(Phase::sent).sum();
        int ok = rounds.stream().mapToInt(Phase::ok).sum();
        double perSecond =
                rounds.stream().mapToDouble(Phase::perSecond).average().orElse(0);
        long[] all =
                rounds.stream().flatMapToLong(p -> Arrays.stream(p.nanos())).toArray();
        return phase(sent, ok, perSecond, all);
    }

    public record Result(
            int rate,
            int seconds,
            Phase bareAtRate,
            Phase slackAtRate,
            Phase bareFlatOut,
            Phase slackFlatOut,
            long jobsQueued,
            long slackEventsSent,
            long slackAcknowledged) {

        /** Every signed event sent (warm-up included) was acknowledged with 200 and became exactly one job. */
        boolean nothingLost() {
            return jobsQueued == slackEventsSent && slackAcknowledged == slackEventsSent;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final AtomicLong eventCounter = new AtomicLong();
    private final AtomicLong slackAcknowledged = new AtomicLong();
    private URI base;

    public static void main(String[] args) throws Exception {
        int rate = intArg(args, "--rate", 200);
        int seconds = intArg(args, "--seconds", 10);
        int clients = intArg(args, "--clients", 16);
        int flatOutSeconds = intArg(args, "--flat-out-seconds", 5);
        Result r = new SlackAckBenchmark().run(rate, seconds, clients, flatOutSeconds);
        print(r, clients, flatOutSeconds);
        System.exit(0);
    }

    public Result run(int rate, int seconds, int clients, int flatOutSeconds) throws Exception {
        InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC(), 1_000_000);
        var config = new Config.SlackConfig(
                Optional.of(Secret.of("xoxb-bench")),
                Optional.of(Secret.of(SECRET)),
                Optional.empty(),
                URI.create("http://127.0.0.1:9/api/"), // never called: no workers run
                List.of(),
                Duration.ofMinutes(15));
        // The installation is configured, so the intake checks it without asking Slack (auth.test).
        var access = new AccessConfig.SlackAccess(
                List.of("T123ABC456"), Optional.of("A123ABC456"), false, List.of(), List.of(), List.of());
        try (SlackBot bot = new SlackBot(
                config,
                access,
                queue,
                () -> (request, listener) -> {
                    throw new RunException(FailureKind.INTERNAL, "the benchmark runs no model");
                },
                null,
                null,
                Clock.systemUTC(),
                SlackBot.DEFAULT_CHANNEL_INTERVAL)) {
            WebServer server = WebServer.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .routing(r -> r.register("/slack", bot.httpService()).post("/bare", (req, res) -> res.send()))
                    .build()
                    .start();
            try {
                base = URI.create("http://127.0.0.1:" + server.port());
                // warm up both paths (JIT, connection pool)
                openLoop(false, rate, 2);
                Phase warmup = openLoop(true, rate, 2);
                slackAcknowledged.addAndGet(warmup.ok());
                // alternate one-second rounds so both endpoints see the same background load
                List<Phase> bareRounds = new ArrayList<>();
                List<Phase> slackRounds = new ArrayList<>();
                for (int round = 0; round < seconds; round++) {
                    bareRounds.add(openLoop(false, rate, 1));
                    slackRounds.add(openLoop(true, rate, 1));
                }
                Phase bareAtRate = merge(bareRounds);
                Phase slackAtRate = merge(slackRounds);
                Phase bareFlatOut = closedLoop(false, clients, flatOutSeconds);
                Phase slackFlatOut = closedLoop(true, clients, flatOutSeconds);
                slackAcknowledged.addAndGet(slackAtRate.ok() + slackFlatOut.ok());
                return new Result(
                        rate,
                        seconds,
                        bareAtRate,
                        slackAtRate,
                        bareFlatOut,
                        slackFlatOut,
                        queue.depth(),
                        eventCounter.get(),
                        slackAcknowledged.get());
            } finally {
                server.stop();
            }
        }
    }

    /** {@code rate} requests per second for {@code seconds}, each sent at its scheduled time on its own thread. */
    private Phase openLoop(boolean slack, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        List<HttpRequest> requests = prepare(slack, total);
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                threads.execute(() -> {
                    try {
                        HttpResponse<Void> response =
                                http.send(requests.get(index), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted as not ok
                    } finally {
                        latencies[index] = System.nanoTime() - scheduled;
                        done.countDown();
                    }
                });
            }
            done.await(seconds + 60L, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return phase(total, ok.get(), total / elapsed, latencies);
    }

    /** {@code clients} threads sending back to back for {@code seconds}. */
    private Phase closedLoop(boolean slack, int clients, int seconds) throws Exception {
        // enough pre-signed requests for a fast machine; a client that runs out stops early
        int perClient = 10_000 * seconds / clients;
        List<List<HttpRequest>> prepared = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            prepared.add(prepare(slack, perClient));
        }
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        List<long[]> latencies = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                List<HttpRequest> mine = prepared.get(c);
                long[] own = new long[perClient];
                latencies.add(own);
                threads.execute(() -> {
                    for (int i = 0; i < mine.size() && System.nanoTime() < end; i++) {
                        long t0 = System.nanoTime();
                        sent.incrementAndGet();
                        try {
                            if (http.send(mine.get(i), HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200) {
                                ok.incrementAndGet();
                            }
                        } catch (Exception e) {
                            // counted as not ok
                        }
                        own[i] = System.nanoTime() - t0;
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream()
                .flatMapToLong(Arrays::stream)
                .filter(l -> l > 0)
                .toArray();
        if (slack) {
            // pre-signed but unsent events never reached the queue
            eventCounter.addAndGet(sent.get() - (long) clients * perClient);
        }
        return phase(sent.get(), ok.get(), sent.get() / elapsed, all);
    }

    private List<HttpRequest> prepare(boolean slack, int n) {
        List<HttpRequest> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!slack) {
                out.add(HttpRequest.newBuilder(base.resolve("/bare"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
                continue;
            }
            long id = eventCounter.incrementAndGet();
            String ts = String.format(Locale.ROOT, "1700000000.%06d", id % 1_000_000);
            String body = "{\"token\":\"x\",\"team_id\":\"T123ABC456\",\"api_app_id\":\"A123ABC456\",\"event\":"
                    + "{\"type\":\"app_mention\",\"user\":\"U061F7AUR\",\"text\":\"<@U0LAN0Z89> how is Acme doing?\","
                    + "\"ts\":\"" + ts + "\",\"channel\":\"C" + (id % 50) + "\",\"event_ts\":\"" + ts + "\"},"
                    + "\"type\":\"event_callback\",\"event_id\":\"EvBENCH" + id + "\",\"event_time\":1700000000,"
                    + "\"authorizations\":[{\"team_id\":\"T123ABC456\",\"user_id\":\"U0LAN0Z89\",\"is_bot\":true}]}";
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            out.add(HttpRequest.newBuilder(base.resolve("/slack/events"))
                    .header("Content-Type", "application/json")
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", sign(timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build());
        }
        return out;
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

    private static Phase phase(int sent, int ok, double perSecond, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Phase(
                sent,
                ok,
                perSecond,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                sorted);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    static void print(Result r, int clients, int flatOutSeconds) {
        System.out.printf(
                Locale.ROOT,
                "Slack acknowledgement benchmark (loopback): %d events/s for %d s (alternating 1 s rounds with the bare handler),"
                        + " then %d clients flat out for %d s each%n",
                r.rate(),
                r.seconds(),
                clients,
                flatOutSeconds);
        System.out.printf(
                Locale.ROOT,
                "%-28s %10s %10s %10s %12s%n",
                "at " + r.rate() + "/s",
                "p50 ms",
                "p99 ms",
                "max ms",
                "ok/sent");
        row("bare Helidon handler", r.bareAtRate());
        row("POST /slack/events", r.slackAtRate());
        System.out.printf(
                Locale.ROOT,
                "%-28s %9.2fx %9.2fx%n",
                "ratio slack / bare",
                r.slackAtRate().p50Millis() / r.bareAtRate().p50Millis(),
                r.slackAtRate().p99Millis() / r.bareAtRate().p99Millis());
        System.out.printf(
                Locale.ROOT,
                "flat out: slack %.0f events/s acknowledged vs bare %.0f requests/s: ratio %.2f (p99 %.2f ms vs %.2f ms)%n",
                r.slackFlatOut().perSecond(),
                r.bareFlatOut().perSecond(),
                r.slackFlatOut().perSecond() / r.bareFlatOut().perSecond(),
                r.slackFlatOut().p99Millis(),
                r.bareFlatOut().p99Millis());
        System.out.printf(
                Locale.ROOT,
                "target p99 acknowledgement < 50 ms at %d events/s: %s (%.2f ms)%n",
                r.rate(),
                r.slackAtRate().p99Millis() < 50 ? "PASS" : "FAIL",
                r.slackAtRate().p99Millis());
        System.out.printf(
                Locale.ROOT,
                "nothing lost: %d signed events sent (warm-up included), %d acknowledged, %d jobs queued: %s%n",
                r.slackEventsSent(),
                r.slackAcknowledged(),
                r.jobsQueued(),
                r.nothingLost() ? "PASS" : "FAIL");
    }

    private static void row(String name, Phase p) {
        System.out.printf(
                Locale.ROOT,
                "%-28s %10.2f %10.2f %10.2f %7d/%d%n",
                name,
                p.p50Millis(),
                p.p99Millis(),
                p.maxMillis(),
                p.ok(),
                p.sent());
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
