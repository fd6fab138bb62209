package io.revbot.bench.server;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.revbot.server.access.Credentials;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.access.FailedAuthLimiter;
import io.revbot.server.config.Config;
import io.revbot.server.config.NamedToken;
import io.revbot.server.config.Settings;
import io.revbot.server.db.Database;
import io.revbot.server.http.HealthChecks;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.RevbotServer;
import io.revbot.server.http.Routes;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.server.webhook.WebhookAccess;
import io.revbot.server.webhook.WebhookApi;
import io.revbot.tools.Secret;
import io.revbot.tools.http.OutboundUrlGuard;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests accepted per second by RevBot's edges, each as a ratio to a bare Helidon handler (reads the body,
 * answers 200, does nothing else) measured in the same run on loopback.
 *
 * <p>Run: {@code mvn -o -q -pl bench -am verify -DskipTests -Pbench-server}. With {@code REVBOT_BENCH_DATABASE_URL}
 * (a PostgreSQL JDBC URL) the webhook queue is PostgreSQL, the production mode; otherwise the in-memory queue.
 * Target: webhook acceptance at least a third of the bare handler's rate, with nothing lost (every accepted request
 * is in the queue afterwards).
 */
public final class ServerLoadBench {
    static final String TOKEN = "bench-token-0123456789";
    static final byte[] WEBHOOK_BODY = ("{\"query\": \"What deals are closing this quarter?\", \"source_system\":"
                    + " \"bench\", \"source_process\": \"load\", \"timestamp\": \"2026-11-24T07:00:00Z\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private ServerLoadBench() {}

    /** The bare handler: the baseline every scenario is compared with. */
    static LoadScenario bare() {
        return scenario(
                "bare Helidon handler",
                200,
                (base, n) -> HttpRequest.newBuilder(base.resolve("/bare"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(WEBHOOK_BODY))
                        .build());
    }

    /**
     * The scenarios measured against RevBot's server. Slack's hook: add the signed Slack event scenario here, e.g.
     * {@code scenarios.add(SlackEventsLoad.scenario(signingSecret))} (POST /slack/events, expected 200), after mounting
     * the Slack service in {@link #revbot}.
     */
    static List<LoadScenario> scenarios() {
        List<LoadScenario> scenarios = new ArrayList<>();
        scenarios.add(scenario(
                "POST /webhook (accepted)",
                202,
                (base, n) -> HttpRequest.newBuilder(base.resolve("/webhook"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(WEBHOOK_BODY))
                        .build()));
        return scenarios;
    }

    /** RevBot's production routes with the given queue and no workers, so only the acceptance path is measured. */
    static RevbotServer revbot(LeasingJobQueue queue) {
        Credentials credentials = new Credentials(List.of(new NamedToken("bench", Secret.of(TOKEN))), List.of());
        FailedAuthLimiter limiter =
                new FailedAuthLimiter(FailedAuthLimiter.DEFAULT_FAILURES_PER_MINUTE, Clock.systemUTC());
        WebhookApi api = new WebhookApi(
                queue,
                new WebhookAccess(credentials, false, limiter, queue),
                new OutboundUrlGuard(false),
                10_000_000,
                Clock.systemUTC());
        return new RevbotServer(
                        "127.0.0.1",
                        0,
                        new CredentialsFilter(credentials, limiter, false, Clock.systemUTC()),
                        List.of(new Routes.Mount("/webhook", api)),
                        new RequestMetrics(Metrics.globalRegistry()),
                        HealthChecks.of(
                                Optional.empty(),
                                Config.from(Settings.of(Map.of())).model(),
                                queue),
                        new JobWorkers(
                                queue,
                                Map.of(),
                                JobWorkers.Settings.of(1, Duration.ofMinutes(1)),
                                JobObserver.NONE,
                                "bench"),
                        Duration.ofSeconds(5))
                .start();
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 32);
        Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup", 3));
        Duration measure = Duration.ofSeconds(Long.getLong("bench.seconds", 8));
        LoadDriver driver = new LoadDriver(concurrency, warmUp, measure);

        WebServer bareServer = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .routing(r -> r.post("/bare", (req, res) -> {
                    try (InputStream in = req.content().inputStream()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    res.send();
                }))
                .build()
                .start();

        Optional<String> databaseUrl = Optional.ofNullable(System.getenv("REVBOT_BENCH_DATABASE_URL"));
        HikariDataSource dataSource = null;
        LeasingJobQueue queue;
        if (databaseUrl.isPresent()) {
            String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
            try (Connection c = java.sql.DriverManager.getConnection(databaseUrl.get());
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            String url = databaseUrl.get() + (databaseUrl.get().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            dataSource = Database.pool(url, concurrency + 4);
            Database.migrate(dataSource);
            queue = new PostgresJobQueue(dataSource);
        } else {
            queue = new InMemoryJobQueue(Clock.systemUTC(), Integer.MAX_VALUE);
        }
        RevbotServer revbot = revbot(queue);
        try {
            System.out.printf(
                    "loopback load, %d clients, %d s warm-up + %d s measured, queue: %s%n",
                    concurrency,
                    warmUp.toSeconds(),
                    measure.toSeconds(),
                    databaseUrl.isPresent() ? "PostgreSQL" : "in-memory");
            URI bareBase = URI.create("http://127.0.0.1:" + bareServer.port());
            URI revbotBase = URI.create("http://127.0.0.1:" + revbot.port());
            LoadDriver.Result baseline = driver.run(bare(), bareBase);
            System.out.println(baseline);
            for (LoadScenario scenario : scenarios()) {
                long before = queue.depth();
                LoadDriver.Result result = driver.run(scenario, revbotBase);
                long queued = queue.depth() - before;
                System.out.println(result);
                System.out.printf(
                        "  ratio to bare handler: %.2f (target >= 0.33); %d acknowledged in all, %d in the queue: %s%n",
                        result.perSecond() / baseline.perSecond(),
                        result.acceptedIncludingWarmUp(),
                        queued,
                        queued >= result.acceptedIncludingWarmUp()
                                ? "nothing lost"
                                : "LOST " + (result.acceptedIncludingWarmUp() - queued));
            }
        } finally {
            revbot.stop();
            bareServer.stop();
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    private interface RequestFactory {
        HttpRequest build(URI base, long n);
    }

    private static LoadScenario scenario(String name, int accepted, RequestFactory factory) {
        return new LoadScenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HttpRequest request(URI base, long n) {
                return factory.build(base, n);
            }

            @Override
            public int acceptedStatus() {
                return accepted;
            }
        };
    }
}
