package io.revbot.server;

import io.revbot.agents.AgentCatalog;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.ingest.KnowledgeWatcher;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.RunTracer;
import io.revbot.orchestrator.routing.Router;
import io.revbot.server.config.Config;
import io.revbot.server.http.RevbotServer;
import io.revbot.server.http.Routes;
import io.revbot.server.mcp.RevbotMcpServer;
import io.revbot.server.mcp.client.McpServerConnections;
import io.revbot.server.queue.JobHandler;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.server.slack.SlackBot;
import io.revbot.tools.actions.SlackNotifier;
import io.revbot.tools.analytics.AnalyticsTools;
import io.revbot.tools.analytics.RevenueAnalytics;
import io.revbot.tools.calls.Calls;
import io.revbot.tools.crm.Crm;
import io.revbot.tools.knowledge.KnowledgeSearch;
import io.revbot.tools.warehouse.SqlGuard;
import io.revbot.tools.warehouse.Warehouse;
import io.revbot.tools.warehouse.WarehouseTools;
import io.revbot.tools.websearch.WebSearch;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Builds RevBot's components from {@link Config}, lazily, so a command builds only what it uses ({@code sql} never
 * touches the model; {@code ask} never starts the web server). The only place that chooses implementations: this
 * façade and the section factories it delegates to, one per concern, each given the sections it builds on (no
 * cycles):
 *
 * <ul>
 *   <li>{@link DatabaseComponents}: the main database;
 *   <li>{@link DataComponents}: warehouse, CRM, calls, web search, actions (on the database);
 *   <li>{@link KnowledgeComponents}: the knowledge base;
 *   <li>{@link AnalyticsComponents}: revenue analytics (on data);
 *   <li>{@link MonitoringComponents}: recording and export, usage metrics, tracing;
 *   <li>{@link SupervisorComponents}: agent specs, model, tools, sessions (on database, data, analytics, knowledge);
 *   <li>{@link McpClientComponents}: connections to the MCP servers agents use (before the supervisor);
 *   <li>{@link McpServerComponents}: RevBot as an MCP server (on data, analytics, knowledge, monitoring);
 *   <li>{@link ServerComponents}: queue, Slack, webhook API, delivery, the HTTP server (on database, data,
 *       supervisor, monitoring, MCP).
 * </ul>
 *
 * <p>One lifetime rule: every component is built once per {@code Components}, when it is first asked for, and lives
 * until {@link #close}; asking again returns the same instance. Constructors, the sections' included, do no I/O. The
 * two exceptions say so in their names and take part in no caching: {@link #server(String)} builds the (unstarted)
 * server for a host, and {@link #startKnowledgeWatcher()} starts background work. Every section registers what it
 * opens on one shared {@link Closeables} list, and {@link #close} closes it last opened first.
 *
 * <p>This façade offers only what commands and tests use; the sections keep the rest to themselves.
 */
public final class Components implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final Closeables closeables = new Closeables();
    private final DatabaseComponents database;
    private final DataComponents data;
    private final KnowledgeComponents knowledge;
    private final AnalyticsComponents analytics;
    private final MonitoringComponents monitoring;
    private final SupervisorComponents supervisor;
    private final ServerComponents server;
    private final McpClientComponents mcpClients;
    private final McpServerComponents mcpServer;

    public Components(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.database = new DatabaseComponents(config, closeables);
        this.data = new DataComponents(config, clock, closeables, database);
        this.knowledge = new KnowledgeComponents(config, closeables);
        this.analytics = new AnalyticsComponents(config, clock, data);
        this.monitoring = new MonitoringComponents(config, clock, closeables, database);
        this.mcpClients = new McpClientComponents(config, closeables);
        this.supervisor = new SupervisorComponents(config, clock, database, data, analytics, knowledge, mcpClients);
        this.mcpServer = new McpServerComponents(config, clock, closeables, data, analytics, knowledge, monitoring);
        this.server = new ServerComponents(
                config, clock, closeables, database, data, supervisor, monitoring, mcpServer, mcpClients);
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    // --- data: warehouse, CRM, calls, web search, actions (DataComponents) ---

    /** The configured warehouse: the demo DuckDB file (default), any JDBC URL, or Firebolt. */
    public Warehouse warehouse() {
        return data.warehouse();
    }

    /** {@code run_sql}, {@code list_tables}, {@code describe_table}, {@code sample_rows} over {@link #warehouse()}. */
    public WarehouseTools warehouseTools() {
        return data.warehouseTools();
    }

    /** The allow-list guard for model- and user-written SQL, in the warehouse's dialect, over its own tables. */
    public SqlGuard sqlGuard() {
        return data.sqlGuard();
    }

    /** Salesforce when {@code SALESFORCE_INSTANCE_URL} is set, else the CRM tables of the warehouse. */
    public Crm crm() {
        return data.crm();
    }

    /** Gong when {@code GONG_ACCESS_KEY} is set, else the call tables of the warehouse. */
    public Calls calls() {
        return data.calls();
    }

    /** Tavily or Brave Search; empty when {@code REVBOT_SEARCH_PROVIDER=none}. */
    public Optional<WebSearch> webSearch() {
        return data.webSearch();
    }

    /** Slack's Web API for approved notifications; empty without {@code SLACK_BOT_TOKEN}. */
    public Optional<SlackNotifier> slackNotifier() {
        return data.slackNotifier();
    }

    // --- knowledge base (KnowledgeComponents) ---

    /** The knowledge base: pgvector when REVBOT_VECTOR_DATABASE_URL (or REVBOT_DATABASE_URL) is set, else in-memory. */
    public KnowledgeBase knowledgeBase() {
        return knowledge.knowledgeBase();
    }

    /** The port behind the agents' {@code knowledge_search} tool ({@code new KnowledgeTools(knowledgeSearch())}). */
    public KnowledgeSearch knowledgeSearch() {
        return knowledge.knowledgeSearch();
    }

    /**
     * For {@code serve}: ingests in the background now (nothing is embedded when the folder did not change) and after
     * every edit of the folder; stopped when the components close.
     */
    public KnowledgeWatcher startKnowledgeWatcher() {
        return knowledge.startKnowledgeWatcher();
    }

    // --- analytics (AnalyticsComponents) ---

    /** Deal review, lead assessment, churn, pipeline, competitors, expansion over {@link #warehouse()}. */
    public RevenueAnalytics analytics() {
        return analytics.analytics();
    }

    /** {@code deal_review}, {@code lead_assessment}, {@code churn_risk}, {@code pipeline_forecast}, … for the agents. */
    public AnalyticsTools analyticsTools() {
        return analytics.analyticsTools();
    }

    // --- supervisor, models, sessions (SupervisorComponents) ---

    /** The agent specs: {@code REVBOT_AGENTS_DIR} (or {@code agents/} under the source root), else the classpath. */
    public AgentCatalog agentCatalog() {
        return supervisor.agentCatalog();
    }

    /** Answers questions; fails every run at once with how to configure a model when none is configured. */
    public Supervisor supervisor() {
        return supervisor.supervisor();
    }

    /**
     * The router the supervisor asks first (unless {@code REVBOT_ROUTER=false}); {@code revbot route} and
     * {@code revbot eval routing} use it without a run. Works without a model: only its optional model tier needs one.
     */
    public Router router() {
        return supervisor.router();
    }

    /** The model provider settings bound from configuration (provider, model id, endpoints, keys). */
    public ModelProviderSettings modelProviderSettings() {
        return supervisor.modelProviderSettings();
    }

    // --- recording and export (MonitoringComponents) ---

    /** Each run as an OpenTelemetry trace, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
    public RunTracer runTracer() {
        return monitoring.runTracer();
    }

    /**
     * What monitoring listens to every run with: the recorder (export), the usage metrics and the tracer. Combine
     * with the edge's own listener: {@code RunListener.all(List.of(narration, RunListener.all(components.monitoring())))}.
     */
    public List<RunListener> monitoring() {
        return monitoring.monitoring();
    }

    /**
     * Records every run and exports it to {@code REVBOT_EXPORT_DIR} (and S3 when {@code REVBOT_EXPORT_S3_URI} is
     * set) off the answer's path. Pass it to {@code Supervisor.run} as one of the listeners.
     */
    public RunRecorder runRecorder() {
        return monitoring.runRecorder();
    }

    /** The exported runs, read back (CLI {@code conversations}, {@code usage}, the viewer), with their feedback. */
    public ConversationStore conversationStore() {
        return monitoring.conversationStore();
    }

    // --- main database (built by DatabaseComponents; used by the data, supervisor and server sections) ---

    /**
     * The main database ({@code REVBOT_DATABASE_URL}), pooled and migrated (every module's {@code db/migration}) on
     * first use. Only for production mode: in embedded mode there is none.
     */
    public DataSource database() {
        return database.database();
    }

    /** Runs the database migrations now (at start-up) instead of on first use; a no-op in embedded mode. */
    public void migrate() {
        database.migrate();
    }

    // --- server: queue, Slack, webhook API, delivery (ServerComponents) ---

    /** The job queue: PostgreSQL when a database is configured, else in-process (lost on restart). */
    public LeasingJobQueue jobQueue() {
        return server.jobQueue();
    }

    /** One handler per job kind this process works on. */
    public Map<JobKind, JobHandler> jobHandlers() {
        return server.jobHandlers();
    }

    /** Every HTTP resource, mounted by {@link Routes#routing}. */
    public List<Routes.Mount> httpServices() {
        return server.httpServices();
    }

    /** The credentials check in front of every route ({@link Routes#routing}'s gate). */
    public io.helidon.webserver.http.Filter credentialsFilter() {
        return server.credentialsFilter();
    }

    public JobWorkers jobWorkers() {
        return server.jobWorkers();
    }

    /** The server, built but not started: {@code serve} starts it. A knowledge store it cannot use stops it here. */
    public RevbotServer server(String host) {
        knowledge.checkStore();
        return server.server(host, List.of(knowledge.healthCheck()));
    }

    /**
     * The Slack bot when {@code SLACK_BOT_TOKEN} is set: its {@code httpService()} is mounted at {@code /slack},
     * its {@code eventHandler()} works {@code SLACK_EVENT} jobs, and {@code serve} calls {@code startSocketMode()}.
     */
    /** Expires the write actions nobody approved in time, once a minute, until closed ({@code serve}). */
    public void startApprovalExpiry() {
        closeables
                .add(new io.revbot.tools.actions.PendingActionExpiry(
                        data.pendingActions(), clock, java.time.Duration.ofMinutes(1)))
                .start();
    }

    /** In embedded mode, tells local commands ({@code revbot jobs}) where the started server listens. */
    public void announceLocally(int port) {
        server.announceLocally(port);
    }

    public Optional<SlackBot> slackBot() {
        return server.slackBot();
    }

    // --- MCP: RevBot's tools for other agents, other MCP servers' tools for RevBot's (McpServer/McpClientComponents)
    // ---

    /** RevBot's MCP server for {@code revbot mcp} (stdio); {@code serve} mounts its HTTP form at {@code /mcp}. */
    public RevbotMcpServer mcpServer() {
        return mcpServer.stdioServer();
    }

    /** The MCP servers of {@code REVBOT_MCP_SERVERS}, connected and checked (a bad one stops start-up). */
    public McpServerConnections mcpConnections() {
        return mcpClients.connections();
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

    /** Closes what the components opened, last opened first (see {@link Closeables}). */
    @Override
    public void close() {
        closeables.close();
    }
}
