package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.revbot.agents.AgentCatalog;
import io.revbot.agents.AgentSpecException;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.RunLimits;
import io.revbot.orchestrator.Supervisor;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.UnconfiguredSupervisor;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.orchestrator.sessions.FileChatMemoryStore;
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
import java.util.function.Supplier;

/**
 * Builds the supervisor that answers questions: the agent specs, the chat model chosen from the configured provider
 * (Bedrock, Anthropic or OpenAI-compatible), the tools of the data, analytics and knowledge sections, the session
 * memory (PostgreSQL, or files under {@code REVBOT_HOME/sessions}) and the run bounds; without a model, a supervisor
 * that fails every run saying how to configure one. The constructor does no I/O.
 */
final class SupervisorComponents {
    private final Config config;
    private final Clock clock;
    private final DatabaseComponents database;
    private final DataComponents data;
    private final AnalyticsComponents analytics;
    private final KnowledgeComponents knowledge;
    private final McpClientComponents mcpClients;

    private final Supplier<AgentCatalog> agentCatalog = lazy(this::buildAgentCatalog);
    private final Supplier<Supervisor> supervisor = lazy(this::buildSupervisor);
    private final Supplier<SessionMemory> sessionMemory = lazy(this::buildSessionMemory);

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
        mcpClients.checkAgents(catalog.current());
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
                .fallbackModel(config.model().fallbackModel())
                .specialistAnswerTokens(limits.specialistAnswerTokens())
                .grounding(config.grounding().policy())
                .build();
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
