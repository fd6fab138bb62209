package io.revbot.server;

import static io.revbot.server.Components.lazy;

import dev.langchain4j.model.chat.ChatModel;
import io.revbot.agents.AgentCatalog;
import io.revbot.agents.AgentSpecException;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.ModelFallback;
import io.revbot.orchestrator.RetryPolicy;
import io.revbot.orchestrator.RunLimits;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.UnconfiguredSupervisor;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.routing.Router;
import io.revbot.orchestrator.sessions.FileChatMemoryStore;
import io.revbot.orchestrator.sessions.PostgresChatMemoryStore;
import io.revbot.orchestrator.sessions.SessionMemory;
import io.revbot.server.answers.AnswerLinks;
import io.revbot.server.config.Config;
import io.revbot.tools.ConfigurationException;
import io.revbot.tools.http.HostAllowList;
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
 * memory (PostgreSQL, or files under {@code REVBOT_HOME/sessions}) and the run bounds; without a model, a supervisor
 * that fails every run saying how to configure one. The constructor does no I/O.
 */
final class SupervisorComponents {
    private static final System.Logger LOG = System.getLogger(SupervisorComponents.class.getName());
    private final Config config;
    private final Clock clock;
    private final DatabaseComponents database;
    private final DataComponents data;
    private final AnalyticsComponents analytics;
    private final KnowledgeComponents knowledge;
    private final McpClientComponents mcpClients;

    private final Supplier<AgentCatalog> agentCatalog = lazy(this::buildAgentCatalog);
    private final Supplier<Supervisor> supervisor = lazy(this::buildSupervisor);
    private final Supplier<ChatModel> chatModel = lazy(() -> ChatModels.create(modelProviderSettings()));
    private final Supplier<Router> router = lazy(this::buildRouter);
    private final Supplier<SessionMemory> sessionMemory = lazy(this::buildSessionMemory);
    private final Supplier<ModelFallback> modelFallback = lazy(this::buildModelFallback);

    SupervisorComponents(
            Config config,
            Clock clock,
            DatabaseComponents database,
            DataComponents data,
            AnalyticsComponents analytics,
            KnowledgeComponents knowledge,
            McpClientComponents mcpClients) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.data = data;
        this.analytics = analytics;
        this.knowledge = knowledge;
        this.mcpClients = mcpClients;
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

    /**
     * Where a throttled model's calls go ({@code REVBOT_FALLBACK_MODEL}): one circuit breaker per model, built once so
     * every run (and anything else that calls the models) shares the cool-down.
     */
    ModelFallback modelFallback() {
        return modelFallback.get();
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
        mcpClients.checkAgents(catalog.current());
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
                .streamingModel(ChatModels.createStreaming(modelProviderSettings()))
                .tools(ToolRegistry.of(toolObjects(), mcpClients.connections().tools()))
                .memory(sessionMemory())
                .limits(new RunLimits(
                        limits.managerTurns(),
                        limits.toolCallsPerSpecialist(),
                        limits.runDeadline(),
                        limits.delegationDeadline(),
                        limits.tokenBudget()))
                .calendar(new FiscalCalendar(limits.fiscalYearStartMonth()))
                .clock(clock)
                .fallback(modelFallback())
                .specialistAnswerTokens(limits.specialistAnswerTokens())
                .answerFilter(new AnswerLinks(answerLinkHosts()))
                .grounding(config.grounding().policy())
                .build();
    }

    /**
     * Hosts answers may link to: {@code REVBOT_ANSWER_LINK_HOSTS} plus the company's own Salesforce (its instance and
     * Lightning hosts) and Gong (its API host and the app's) when they are configured.
     */
    HostAllowList answerLinkHosts() {
        List<String> own = new ArrayList<>();
        config.crm().salesforceInstanceUrl().flatMap(HostAllowList::hostOf).ifPresent(host -> {
            own.add(host);
            if (host.endsWith(".my.salesforce.com")) {
                own.add(host.substring(0, host.length() - ".my.salesforce.com".length()) + ".lightning.force.com");
            }
        });
        if (config.calls().gong()) {
            config.calls().gongBaseUrl().flatMap(HostAllowList::hostOf).ifPresent(own::add);
            own.add("app.gong.io");
            own.add("*.app.gong.io");
        }
        return config.access().answerLinkHosts().with(HostAllowList.of(own));
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

    private ModelFallback buildModelFallback() {
        return config.model()
                .fallbackModel()
                .map(model -> ModelFallback.to(
                        model, ModelFallback.DEFAULT_COOL_DOWN, RetryPolicy.DEFAULTS.throttlesBeforeFallback(), clock))
                .orElseGet(ModelFallback::none);
    }

    private SessionMemory buildSessionMemory() {
        if (config.storage().databaseUrl().isEmpty()) {
            // Embedded: files, so `ask --session X` remembers across commands without a database.
            return new SessionMemory(
                    new FileChatMemoryStore(
                            config.storage().home().resolve("sessions"), SessionMemory.DEFAULT_TIME_TO_LIVE, clock),
                    8_000);
        }
        // The main database's one pool, migrated once (sessions are V100 among every module's migrations).
        return new SessionMemory(
                new PostgresChatMemoryStore(database.database(), SessionMemory.DEFAULT_TIME_TO_LIVE, clock), 8_000);
    }
}
