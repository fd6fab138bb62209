package io.revbot.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.agents.AgentCatalog;
import io.revbot.agents.AgentSpecException;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.RunLimits;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.UnconfiguredSupervisor;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.sessions.PostgresChatMemoryStore;
import io.revbot.orchestrator.sessions.SessionMemory;
import io.revbot.server.config.Config;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

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

    private final Supplier<AgentCatalog> agentCatalog = lazy(this::buildAgentCatalog);
    private final Supplier<Supervisor> supervisor = lazy(this::buildSupervisor);
    private final Supplier<SessionMemory> sessionMemory = lazy(this::buildSessionMemory);

    /**
     * The tool objects the agents may use (plain classes with {@code @Tool} methods). Each agent gets those its
     * {@code agent.yaml} lists; tools not listed here are simply absent. Extend as tool components land, e.g.
     * {@code tools.add(warehouseTools());}.
     */
    public List<Object> toolObjects() {
        List<Object> tools = new ArrayList<>();
        return tools;
    }

    /** The agent specs: {@code REVBOT_AGENTS_DIR} (or {@code agents/} under the source root), else the classpath. */
    public AgentCatalog agentCatalog() {
        return agentCatalog.get();
    }

    /** Answers questions; fails every run at once with how to configure a model when none is configured. */
    public Supervisor supervisor() {
        return supervisor.get();
    }

    /** The manager's memory of conversations: PostgreSQL when {@code REVBOT_DATABASE_URL} is set, else in memory. */
    public SessionMemory sessionMemory() {
        return sessionMemory.get();
    }

    /** The model provider settings bound from configuration (provider, model id, endpoints, keys). */
    public ModelProviderSettings modelProviderSettings() {
        Config.ModelConfig m = config.model();
        return new ModelProviderSettings(
                ModelProviderSettings.Provider.valueOf(m.provider().name()),
                m.model(),
                m.awsRegion(),
                m.bedrockEndpoint(),
                m.anthropicApiKey(),
                m.anthropicBaseUrl(),
                m.openAiApiKey(),
                m.openAiBaseUrl(),
                Duration.ofMinutes(2));
    }

    private AgentCatalog buildAgentCatalog() {
        AgentCatalog catalog = AgentCatalog.of(config.knowledge().agentsDir());
        try {
            catalog.load();
        } catch (AgentSpecException e) {
            throw new ConfigurationException("REVBOT_AGENTS_DIR", e.getMessage());
        }
        return catalog;
    }

    private Supervisor buildSupervisor() {
        if (!config.model().configured()) {
            return new UnconfiguredSupervisor(config.model().howToConfigure(), clock);
        }
        AgentCatalog catalog = agentCatalog();
        Config.RunLimits limits = config.limits();
        return ManagerLoop.builder()
                .agents(catalog::current)
                .model(ChatModels.create(modelProviderSettings()))
                .tools(ToolRegistry.of(toolObjects()))
                .memory(sessionMemory())
                .limits(new RunLimits(
                        limits.managerTurns(),
                        limits.toolCallsPerSpecialist(),
                        limits.runDeadline(),
                        limits.delegationDeadline(),
                        limits.tokenBudget()))
                .calendar(new FiscalCalendar(limits.fiscalYearStartMonth()))
                .clock(clock)
                .fallbackModel(config.model().fallbackModel())
                .build();
    }

    private SessionMemory buildSessionMemory() {
        if (config.storage().databaseUrl().isEmpty()) {
            return SessionMemory.inMemory();
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.storage().databaseUrl().get());
        hikari.setPoolName("revbot-sessions");
        hikari.setMaximumPoolSize(4);
        HikariDataSource dataSource = closeLater(new HikariDataSource(hikari));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new SessionMemory(new PostgresChatMemoryStore(dataSource), 8_000);
    }

    // --- recording and export (issue: conversation monitoring) ---

    // --- server: queue, Slack, webhook API, delivery (issue: server) ---

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
