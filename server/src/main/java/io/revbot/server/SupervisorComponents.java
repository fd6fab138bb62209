package io.revbot.server;

import static io.revbot.server.Components.lazy;

import dev.langchain4j.model.chat.ChatModel;
import io.revbot.agents.AgentCatalog;
import io.revbot.agents.AgentSpecException;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.RunLimits;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.UnconfiguredSupervisor;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.routing.Router;
import io.revbot.orchestrator.sessions.PostgresChatMemoryStore;
import io.revbot.orchestrator.sessions.SessionMemory;
import io.revbot.server.config.Config;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.knowledge.KnowledgeTools;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the supervisor that answers questions: the agent specs, the chat model chosen from the configured provider
 * (Bedrock, Anthropic or OpenAI-compatible), the tools of the data, analytics and knowledge sections, the session
 * memory (PostgreSQL or in memory) and the run bounds; without a model, a supervisor that fails every run saying how
 * to configure one. The constructor does no I/O.
 */
final class SupervisorComponents {
    private static final System.Logger LOG = System.getLogger(SupervisorComponents.class.getName());
    private final Config config;
    private final Clock clock;
    private final DatabaseComponents database;
    private final DataComponents data;
    private final AnalyticsComponents analytics;
    private final KnowledgeComponents knowledge;

    private final Supplier<AgentCatalog> agentCatalog = lazy(this::buildAgentCatalog);
    private final Supplier<Supervisor> supervisor = lazy(this::buildSupervisor);
    private final Supplier<ChatModel> chatModel = lazy(() -> ChatModels.create(modelProviderSettings()));
    private final Supplier<Router> router = lazy(this::buildRouter);
    private final Supplier<SessionMemory> sessionMemory = lazy(this::buildSessionMemory);

    SupervisorComponents(
            Config config,
            Clock clock,
            DatabaseComponents database,
            DataComponents data,
            AnalyticsComponents analytics,
            KnowledgeComponents knowledge) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.data = data;
        this.analytics = analytics;
        this.knowledge = knowledge;
    }

    List<Object> toolObjects() {
        List<Object> tools = new ArrayList<>();
        tools.add(data.warehouseTools());
        tools.add(data.crmTools());
        tools.add(data.callTools());
        tools.add(data.webSearchTools());
        tools.add(analytics.analyticsTools());
        tools.add(data.actionTools());
        tools.add(new KnowledgeTools(knowledge.knowledgeSearch()));
        return tools;
    }

    AgentCatalog agentCatalog() {
        return agentCatalog.get();
    }

    Supervisor supervisor() {
        return supervisor.get();
    }

    /**
     * The router: rules, then the embedding tier on the knowledge base's MiniLM model (one instance for the process),
     * then the routing model when {@code REVBOT_ROUTER_MODEL} is set and a model is configured. Its examples'
     * embeddings and trained classifier are cached under {@code REVBOT_HOME/cache}.
     */
    Router router() {
        return router.get();
    }

    SessionMemory sessionMemory() {
        return sessionMemory.get();
    }

    ModelProviderSettings modelProviderSettings() {
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
        ManagerLoop.Builder loop = ManagerLoop.builder();
        if (config.model().router()) {
            loop.router(router());
        }
        return loop.agents(catalog::current)
                .model(chatModel.get())
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

    private Router buildRouter() {
        if (config.model().routerModel().isPresent() && !config.model().configured()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "REVBOT_ROUTER_MODEL is set but no model is configured: the router runs without its model tier");
        }
        Optional<Router.ModelTierModel> modelTier = config.model()
                .routerModel()
                .filter(id -> config.model().configured())
                .map(id -> new Router.ModelTierModel(chatModel.get(), id));
        return Router.create(
                knowledge.miniLm(),
                modelTier,
                Optional.of(config.storage().home().resolve("cache")));
    }

    private SessionMemory buildSessionMemory() {
        if (config.storage().databaseUrl().isEmpty()) {
            return SessionMemory.inMemory();
        }
        // The main database's one pool, migrated once (sessions are V100 among every module's migrations).
        return new SessionMemory(new PostgresChatMemoryStore(database.database()), 8_000);
    }
}
