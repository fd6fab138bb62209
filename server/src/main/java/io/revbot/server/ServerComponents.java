package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.Metrics;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.Supervisor;
import io.revbot.server.access.CredentialsFilter;
import io.revbot.server.config.Config;
import io.revbot.server.conversations.ConversationsService;
import io.revbot.server.conversations.FeedbackMetrics;
import io.revbot.server.http.HealthChecks;
import io.revbot.server.http.RequestMetrics;
import io.revbot.server.http.RevbotServer;
import io.revbot.server.http.Routes;
import io.revbot.server.http.ServerMetrics;
import io.revbot.server.jobs.JobsAdmin;
import io.revbot.server.jobs.JobsService;
import io.revbot.server.jobs.LocalServer;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.server.slack.SlackBot;
import io.revbot.server.webhook.RequestEvents;
import io.revbot.server.webhook.WebhookApi;
import io.revbot.server.webhook.WebhookDeliveryHandler;
import io.revbot.server.webhook.WebhookRequestHandler;
import io.revbot.tools.http.OutboundUrlGuard;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the server side ({@code serve}): the job queue (PostgreSQL, or in memory in embedded mode), the webhook API
 * and its outbound delivery, the Slack bot when a bot token is set, a handler per job kind, the workers, the HTTP
 * resources, the server's metrics and health checks, and the server itself. Runs are answered by the supervisor
 * section and watched by the monitoring section. The constructor does no I/O; {@link #server} migrates the database
 * and loads the agent specs, so that bad configuration stops start-up.
 */
final class ServerComponents {
    /** Attempts of an outbound webhook delivery before it goes to the dead letter (~1 hour of backoff). */
    static final int WEBHOOK_DELIVERY_ATTEMPTS = 8;

    /** How long running jobs get to finish at shutdown (docker-compose.yml's stop_grace_period covers it). */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final Config config;
    private final Clock clock;
    private final Closeables closeables;
    private final DatabaseComponents database;
    private final DataComponents data;
    private final SupervisorComponents supervisor;
    private final MonitoringComponents monitoring;
    private final McpServerComponents mcpServer;
    private final McpClientComponents mcpClients;

    private final Supplier<LeasingJobQueue> jobQueue = lazy(this::createJobQueue);
    private final Supplier<ServerMetrics> serverMetrics =
            lazy(() -> new ServerMetrics(Metrics.globalRegistry(), jobQueue()));
    private final Supplier<OutboundUrlGuard> webhookUrlGuard = lazy(this::createWebhookUrlGuard);
    /** What webhook runs of this process report, for their event streams: shared by the API and the worker. */
    private final Supplier<RequestEvents> requestEvents = lazy(this::createRequestEvents);

    private final Supplier<Optional<SlackBot>> slackBot = lazy(this::createSlackBot);
    private final Supplier<WebhookApi> webhookApi = lazy(this::createWebhookApi);
    private final Supplier<Map<JobKind, JobHandler>> jobHandlers = lazy(this::createJobHandlers);
    private final Supplier<JobWorkers> jobWorkers = lazy(this::createJobWorkers);
    private final Supplier<List<Routes.Mount>> httpServices = lazy(this::createHttpServices);
    private final AccessComponents access;

    ServerComponents(
            Config config,
            Clock clock,
            Closeables closeables,
            DatabaseComponents database,
            DataComponents data,
            SupervisorComponents supervisor,
            MonitoringComponents monitoring,
            McpServerComponents mcpServer,
            McpClientComponents mcpClients) {
        this.config = config;
        this.clock = clock;
        this.closeables = closeables;
        this.database = database;
        this.data = data;
        this.supervisor = supervisor;
        this.monitoring = monitoring;
        this.mcpServer = mcpServer;
        this.mcpClients = mcpClients;
        this.access = new AccessComponents(config, clock);
    }

    LeasingJobQueue jobQueue() {
        return jobQueue.get();
    }

    ServerMetrics serverMetrics() {
        return serverMetrics.get();
    }

    RunListener serverRunListener() {
        List<RunListener> listeners = new ArrayList<>();
        listeners.add(serverMetrics());
        listeners.addAll(monitoring.monitoring());
        return RunListener.all(listeners);
    }

    /** The supervisor the server's workers (webhook and Slack) run: the same one {@code ask} uses. */
    Supervisor serverSupervisor() {
        return supervisor.supervisor();
    }

    private RequestEvents createRequestEvents() {
        return new RequestEvents(clock);
    }

    WebhookApi webhookApi() {
        return webhookApi.get();
    }

    private WebhookApi createWebhookApi() {
        var w = config.webhook();
        return new WebhookApi(
                jobQueue(),
                access.webhookAccess(jobQueue()),
                webhookUrlGuard.get(),
                w.rateLimitPerMinute(),
                clock,
                requestEvents.get());
    }

    /**
     * A handler for each kind of job this process can run: on a shared database, a process without a model leaves
     * questions (webhook requests, Slack events) to a process with one instead of claiming and failing them; one
     * without Slack leaves Slack events. In embedded mode no other process can answer, so questions are run and fail
     * at once, telling their askers how to configure a model.
     */
    Map<JobKind, JobHandler> jobHandlers() {
        return jobHandlers.get();
    }

    private Map<JobKind, JobHandler> createJobHandlers() {
        Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
        boolean answers = config.model().configured() || config.storage().embedded();
        if (answers) {
            handlers.put(
                    JobKind.WEBHOOK_REQUEST,
                    new WebhookRequestHandler(
                            serverSupervisor(),
                            serverRunListener(),
                            jobQueue(),
                            config.webhook().outboundUrl(),
                            WEBHOOK_DELIVERY_ATTEMPTS,
                            clock,
                            requestEvents.get()));
        }
        handlers.put(
                JobKind.WEBHOOK_DELIVERY,
                new WebhookDeliveryHandler(
                        config.webhook().signingSecret(), webhookUrlGuard.get(), Duration.ofSeconds(30), clock));
        // Slack: approval clicks are decided on the request thread after the ack, so there is no SLACK_APPROVAL handler
        if (answers) {
            slackBot().ifPresent(bot -> handlers.put(JobKind.SLACK_EVENT, bot.eventHandler()));
        }
        return Collections.unmodifiableMap(handlers);
    }

    List<Routes.Mount> httpServices() {
        return httpServices.get();
    }

    private List<Routes.Mount> createHttpServices() {
        List<Routes.Mount> mounts = new ArrayList<>();
        mounts.add(new Routes.Mount("/webhook", webhookApi()));
        mounts.add(new Routes.Mount("/api/jobs", new JobsService(new JobsAdmin(jobQueue())))); // operators only
        slackBot().ifPresent(bot -> mounts.add(new Routes.Mount("/slack", bot.httpService())));
        mcpServer.httpTransport().ifPresent(mcp -> mounts.add(new Routes.Mount("/mcp", mcp)));
        mounts.add(new Routes.Mount("/", new ConversationsService(monitoring.conversationStore())));
        //   serves /conversations, /api/conversations and /api/conversations/{id}
        mounts.add(new Routes.Mount("/", access.loginService())); // /login, /logout
        return List.copyOf(mounts);
    }

    /** The gate every route passes (see {@link CredentialsFilter} for what is open). */
    CredentialsFilter credentialsFilter() {
        return access.credentialsFilter();
    }

    JobWorkers jobWorkers() {
        return jobWorkers.get();
    }

    private JobWorkers createJobWorkers() {
        return new JobWorkers(
                jobQueue(),
                jobHandlers(),
                JobWorkers.Settings.of(
                        config.server().workers(), config.webhook().jobTimeout()),
                serverMetrics(),
                workerName());
    }

    /** @param sectionChecks health checks of the other sections (the knowledge base's) */
    RevbotServer server(String host, List<HealthCheck> sectionChecks) {
        database.migrate();
        // bad agent specs stop start-up, naming the file and the field
        var agents = supervisor.agentCatalog();
        log(
                System.Logger.Level.INFO,
                "agents: " + agents.current().specialists().size() + " specialists from " + agents.describeSource());
        mcpClients.connections(); // so does an MCP server that cannot be reached or offers no allowed tool
        if (!config.model().configured()) {
            log(
                    System.Logger.Level.WARNING,
                    (config.storage().embedded()
                                    ? "runs will fail until a model is configured. "
                                    : "questions are left to processes with a model until one is configured here. ")
                            + config.model().howToConfigure());
        }
        serverMetrics().registerGauges();
        List<HealthCheck> checks = new ArrayList<>(HealthChecks.of(
                config.storage().embedded() ? Optional.empty() : Optional.of(database::database),
                config.model(),
                jobQueue()));
        checks.addAll(sectionChecks);
        JobWorkers workers = jobWorkers();
        checks.add(HealthChecks.workers(workers.kinds()));
        slackBot().flatMap(SlackBot::socketModeHealth).ifPresent(checks::add);
        return new RevbotServer(
                host,
                config.server().port(),
                credentialsFilter(),
                httpServices(),
                new RequestMetrics(Metrics.globalRegistry()),
                checks,
                workers,
                SHUTDOWN_GRACE);
    }

    Optional<SlackBot> slackBot() {
        return slackBot.get();
    }

    /** In embedded mode, tells local commands where this server listens ({@code REVBOT_HOME/serve.json}). */
    void announceLocally(int port) {
        access.localToken().ifPresent(token -> {
            LocalServer local = new LocalServer(config.storage().home());
            local.write(port, token);
            closeables.add(local::delete); // closed with the components when serve stops
        });
    }

    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    private LeasingJobQueue createJobQueue() {
        if (config.storage().embedded()) {
            log(
                    System.Logger.Level.WARNING,
                    "embedded mode: the job queue is in memory, so queued work does not survive a restart"
                            + " (set REVBOT_DATABASE_URL for a durable queue)");
            return new InMemoryJobQueue(clock);
        }
        return new PostgresJobQueue(database.database());
    }

    private OutboundUrlGuard createWebhookUrlGuard() {
        return new OutboundUrlGuard(config.webhook().outboundAllowPrivate());
    }

    private Optional<SlackBot> createSlackBot() {
        if (!config.slack().enabled()) {
            return Optional.empty();
        }
        return Optional.of(closeables.add(new SlackBot(
                config.slack(),
                config.access().slack(),
                jobQueue(),
                this::serverSupervisor,
                serverRunListener(),
                data.pendingActions(),
                new FeedbackMetrics(monitoring.feedbackStore(), Metrics.globalRegistry()),
                clock,
                SlackBot.DEFAULT_CHANNEL_INTERVAL,
                SlackBot.DEFAULT_STREAM_INTERVAL)));
    }

    /** Logs as {@link Components}: the composition root's warnings keep one logger name, whichever section warns. */
    private static void log(System.Logger.Level level, String message) {
        System.getLogger(Components.class.getName()).log(level, message);
    }
}
