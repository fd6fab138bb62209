package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.helidon.metrics.api.Metrics;
import io.revbot.orchestrator.RunListener;
import io.revbot.server.config.Config;
import io.revbot.server.mcp.HelidonMcpTransport;
import io.revbot.server.mcp.McpMetrics;
import io.revbot.server.mcp.McpTokens;
import io.revbot.server.mcp.McpToolCatalog;
import io.revbot.server.mcp.RevbotMcpServer;
import io.revbot.tools.knowledge.KnowledgeTools;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds RevBot's MCP server: the read-only tools of the data, analytics and knowledge sections, the knowledge documents,
 * the recording of every call (the monitoring section's listeners) and its metrics; and, when
 * {@code REVBOT_MCP_TOKENS} is set, the Streamable HTTP transport {@code serve} mounts at {@code /mcp}. The
 * constructor does no I/O.
 */
final class McpServerComponents {
    private final Config config;
    private final Clock clock;
    private final Closeables closeables;
    private final DataComponents data;
    private final AnalyticsComponents analytics;
    private final KnowledgeComponents knowledge;
    private final MonitoringComponents monitoring;

    private final Supplier<RevbotMcpServer> stdioServer = lazy(this::buildStdioServer);
    private final Supplier<Optional<HelidonMcpTransport>> httpTransport = lazy(this::buildHttpTransport);

    McpServerComponents(
            Config config,
            Clock clock,
            Closeables closeables,
            DataComponents data,
            AnalyticsComponents analytics,
            KnowledgeComponents knowledge,
            MonitoringComponents monitoring) {
        this.config = config;
        this.clock = clock;
        this.closeables = closeables;
        this.data = data;
        this.analytics = analytics;
        this.knowledge = knowledge;
        this.monitoring = monitoring;
    }

    /** For {@code revbot mcp}: calls are recorded and traced like {@code ask}'s runs (no Prometheus meters). */
    RevbotMcpServer stdioServer() {
        return stdioServer.get();
    }

    /** The {@code /mcp} resource; empty when no token is configured (then {@code /mcp} does not exist: 404). */
    Optional<HelidonMcpTransport> httpTransport() {
        return httpTransport.get();
    }

    private RevbotMcpServer buildStdioServer() {
        return server(RunListener.all(List.of(monitoring.runRecorder(), monitoring.runTracer())), Optional.empty());
    }

    /**
     * The tool objects whose read-only tools are offered: the agents' tools without the write actions, whose store
     * would open the database for nothing.
     */
    private List<Object> readOnlyToolObjects() {
        return List.of(
                data.warehouseTools(),
                data.crmTools(),
                data.callTools(),
                data.webSearchTools(),
                analytics.analyticsTools(),
                new KnowledgeTools(knowledge.knowledgeSearch()));
    }

    private RevbotMcpServer server(RunListener recorder, Optional<McpMetrics> metrics) {
        McpToolCatalog catalog =
                McpToolCatalog.create(readOnlyToolObjects(), data.webSearch().isPresent(), recorder, metrics, clock);
        return new RevbotMcpServer(catalog, config.knowledge().knowledgeDir(), version());
    }

    /** RevBot's version, as MCP peers see it in {@code serverInfo} and {@code clientInfo}. */
    static String version() {
        String v = Components.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Served by {@code serve}: calls are recorded like the server's runs and counted per tool and client. */
    private Optional<HelidonMcpTransport> buildHttpTransport() {
        if (!config.mcp().serverEnabled()) {
            return Optional.empty();
        }
        RevbotMcpServer server =
                server(RunListener.all(monitoring.monitoring()), Optional.of(new McpMetrics(Metrics.globalRegistry())));
        HelidonMcpTransport transport =
                new HelidonMcpTransport(new McpTokens(config.mcp().tokens()));
        closeables.add(server.http(transport)::close);
        return Optional.of(transport);
    }
}
