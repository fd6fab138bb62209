package io.revbot.server;

import io.helidon.metrics.api.Metrics;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunException;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.Supervisor;
import io.revbot.server.config.Config;
import io.revbot.server.db.Database;
import io.revbot.server.http.HealthChecks;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.RevbotServer;
import io.revbot.server.http.Routes;
import io.revbot.server.http.ServerMetrics;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.server.webhook.WebhookApi;
import io.revbot.server.webhook.WebhookDeliveryHandler;
import io.revbot.server.webhook.WebhookRequestHandler;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.http.OutboundUrlGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Builds RevBot's components from {@link Config}, lazily, so a command builds only what it uses ({@code sql} never
 * touches the model; {@code ask} never starts the web server). The only place that chooses implementations.
 * Constructors elsewhere do no I/O; connections and migrations happen when a component is first asked for.
 */
public final class Components implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public Components(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    // --- data: warehouse, CRM, calls, web search, actions (issue: revenue data) ---

    // --- knowledge base (issue: knowledge base) ---

    // --- analytics (issue: analytics) ---

    // --- supervisor, models, sessions (issue: supervisor) ---

    // --- recording and export (issue: conversation monitoring) ---

    // --- server: queue, Slack, webhook API, delivery (issue: server) ---

    private final Supplier<DataSource> database = lazy(this::openDatabase);
    private final Supplier<LeasingJobQueue> jobQueue = lazy(this::createJobQueue);

    /**
     * The main database ({@code REVBOT_DATABASE_URL}), pooled and migrated (every module's {@code db/migration}) on
     * first use. Only for production mode: in embedded mode there is none.
     */
    public DataSource database() {
        return database.get();
    }

    /** Runs the database migrations now (at start-up) instead of on first use; a no-op in embedded mode. */
    public void migrate() {
        if (!config.storage().embedded()) {
            database();
        }
    }

    /** The job queue: PostgreSQL when a database is configured, else in-process (lost on restart). */
    public LeasingJobQueue jobQueue() {
        return jobQueue.get();
    }

    private DataSource openDatabase() {
        String url = config.storage()
                .databaseUrl()
                .orElseThrow(() -> new ConfigurationException(
                        "REVBOT_DATABASE_URL", "no database configured (embedded mode has none)"));
        var pool = closeLater(Database.pool(url, Math.max(10, config.server().workers() * 2 + 4)));
        Database.migrate(pool);
        return pool;
    }

    /** Attempts of an outbound webhook delivery before it goes to the dead letter (~1 hour of backoff). */
    static final int WEBHOOK_DELIVERY_ATTEMPTS = 8;

    private final Supplier<ServerMetrics> serverMetrics =
            lazy(() -> new ServerMetrics(Metrics.globalRegistry(), jobQueue()));
    private final Supplier<OutboundUrlGuard> webhookUrlGuard =
            lazy(() -> new OutboundUrlGuard(config().webhook().outboundAllowPrivate()));

    /** Queue, job and run meters for {@code /observe/metrics}. */
    public ServerMetrics serverMetrics() {
        return serverMetrics.get();
    }

    /**
     * Listeners of every run the server's workers start (webhook and Slack). At merge, add the recorder:
     * {@code RunListener.all(List.of(serverMetrics(), recorder()))}.
     */
    public RunListener serverRunListener() {
        return serverMetrics();
    }

    /**
     * The supervisor the server's workers run. Until the supervisor section is merged, runs fail fast as "no model
     * configured"; at merge this becomes {@code return supervisor();}.
     */
    Supervisor serverSupervisor() {
        return (request, listener) -> {
            String message = config.model().howToConfigure();
            listener.on(new RunEvent.RunFailed(
                    request.runId(),
                    clock.instant(),
                    FailureKind.MODEL_NOT_CONFIGURED,
                    message,
                    Duration.ZERO,
                    io.revbot.orchestrator.TokenUsage.ZERO));
            throw new RunException(FailureKind.MODEL_NOT_CONFIGURED, message);
        };
    }

    public WebhookApi webhookApi() {
        var w = config.webhook();
        return new WebhookApi(
                jobQueue(),
                w.apiTokens(),
                w.allowUnauthenticated(),
                webhookUrlGuard.get(),
                w.rateLimitPerMinute(),
                clock);
    }

    /** One handler per job kind this process works on. */
    public Map<JobKind, JobHandler> jobHandlers() {
        Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
        handlers.put(
                JobKind.WEBHOOK_REQUEST,
                new WebhookRequestHandler(
                        serverSupervisor(),
                        serverRunListener(),
                        jobQueue(),
                        config.webhook().outboundUrl(),
                        WEBHOOK_DELIVERY_ATTEMPTS,
                        clock));
        handlers.put(
                JobKind.WEBHOOK_DELIVERY,
                new WebhookDeliveryHandler(
                        config.webhook().signingSecret(), webhookUrlGuard.get(), Duration.ofSeconds(30), clock));
        // Slack: approval clicks are decided on the request thread after the ack, so there is no SLACK_APPROVAL handler
        slackBot().ifPresent(bot -> handlers.put(JobKind.SLACK_EVENT, bot.eventHandler()));
        return handlers;
    }

    /** Every HTTP resource, mounted by {@link Routes#routing}. */
    public List<Routes.Mount> httpServices() {
        List<Routes.Mount> mounts = new ArrayList<>();
        mounts.add(new Routes.Mount("/webhook", webhookApi()));
        slackBot().ifPresent(bot -> mounts.add(new Routes.Mount("/slack", bot.httpService())));
        // Conversation viewer (monitoring section): mounts.add(new Routes.Mount("/", conversationsService()));
        //   serves /conversations, /api/conversations and /api/conversations/{id}
        return mounts;
    }

    public JobWorkers jobWorkers() {
        return new JobWorkers(
                jobQueue(),
                jobHandlers(),
                JobWorkers.Settings.of(
                        config.server().workers(), config.webhook().jobTimeout()),
                serverMetrics(),
                workerName());
    }

    /** The server, built but not started: {@code serve} starts it. */
    public RevbotServer server(String host) {
        migrate();
        serverMetrics().registerGauges();
        return new RevbotServer(
                host,
                config.server().port(),
                httpServices(),
                new RequestMetrics(Metrics.globalRegistry()),
                HealthChecks.of(
                        config.storage().embedded() ? Optional.empty() : Optional.of(this::database),
                        config.model(),
                        jobQueue()),
                jobWorkers(),
                Duration.ofSeconds(30));
    }

    private static String workerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    private LeasingJobQueue createJobQueue() {
        if (config.storage().embedded()) {
            System.getLogger(Components.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "embedded mode: the job queue is in memory, so queued work does not survive a restart"
                                    + " (set REVBOT_DATABASE_URL for a durable queue)");
            return new InMemoryJobQueue(clock);
        }
        return new PostgresJobQueue(database());
    }

    // Slack (issue: server, Slack part)
    private final Supplier<Optional<io.revbot.server.slack.SlackBot>> slackBot = lazy(this::createSlackBot);

    /**
     * The Slack bot when {@code SLACK_BOT_TOKEN} is set: its {@code httpService()} is mounted at {@code /slack},
     * its {@code eventHandler()} works {@code SLACK_EVENT} jobs, and {@code serve} calls {@code startSocketMode()}.
     */
    public Optional<io.revbot.server.slack.SlackBot> slackBot() {
        return slackBot.get();
    }

    private Optional<io.revbot.server.slack.SlackBot> createSlackBot() {
        if (!config.slack().enabled()) {
            return Optional.empty();
        }
        return Optional.of(closeLater(new io.revbot.server.slack.SlackBot(
                config.slack(),
                jobQueue(),
                this::serverSupervisor,
                serverRunListener(),
                null, // at merge with the data section: pendingActions() (approval clicks are a logged no-op until
                // then)
                clock,
                io.revbot.server.slack.SlackBot.DEFAULT_CHANNEL_INTERVAL)));
    }

    /** Registers something to close when the components are closed (in reverse order of registration). */
    <T extends AutoCloseable> T closeLater(T closeable) {
        synchronized (closeables) {
            closeables.add(closeable);
        }
        return closeable;
    }

    /** Memoises a component: built on first {@code get()}, once, even when asked concurrently. */
    static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = Objects.requireNonNull(factory.get(), "factory returned null");
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (closeables) {
            toClose = new ArrayList<>(closeables);
            closeables.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.getLogger(Components.class.getName())
                        .log(System.Logger.Level.WARNING, "closing " + toClose.get(i) + " failed: " + e);
            }
        }
    }
}
