package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.revbot.server.config.Config;
import io.revbot.tools.actions.ActionTools;
import io.revbot.tools.actions.ApprovedActions;
import io.revbot.tools.actions.InMemoryPendingActions;
import io.revbot.tools.actions.PendingActionStore;
import io.revbot.tools.actions.PostgresPendingActions;
import io.revbot.tools.actions.SlackNotifier;
import io.revbot.tools.actions.SlackWebApiNotifier;
import io.revbot.tools.actions.WebhookSender;
import io.revbot.tools.calls.CallTools;
import io.revbot.tools.calls.Calls;
import io.revbot.tools.calls.GongCalls;
import io.revbot.tools.calls.WarehouseCalls;
import io.revbot.tools.crm.Crm;
import io.revbot.tools.crm.CrmTools;
import io.revbot.tools.crm.CrmUpdateLog;
import io.revbot.tools.crm.SalesforceCrm;
import io.revbot.tools.crm.WarehouseCrm;
import io.revbot.tools.http.HostAllowList;
import io.revbot.tools.http.HttpClients;
import io.revbot.tools.http.OutboundUrlGuard;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import io.revbot.tools.warehouse.FireboltHttpWarehouse;
import io.revbot.tools.warehouse.JdbcWarehouse;
import io.revbot.tools.warehouse.SqlDialect;
import io.revbot.tools.warehouse.SqlGuard;
import io.revbot.tools.warehouse.Warehouse;
import io.revbot.tools.warehouse.WarehouseTableCatalog;
import io.revbot.tools.warehouse.WarehouseTools;
import io.revbot.tools.websearch.BraveSearch;
import io.revbot.tools.websearch.TavilySearch;
import io.revbot.tools.websearch.WebSearch;
import io.revbot.tools.websearch.WebSearchTools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Builds the revenue data and what acts on it: the warehouse, CRM, calls, web search, the pending write actions and
 * their tools, over one shared outbound HTTP client. Chooses each implementation from {@link Config} (demo DuckDB,
 * JDBC or Firebolt; Salesforce or the warehouse's CRM tables; Gong or the warehouse's call tables; Tavily, Brave or
 * none). The constructor does no I/O: every component is built, and opened, on first use.
 */
final class DataComponents {
    private final Config config;
    private final Clock clock;
    private final Closeables closeables;
    private final DatabaseComponents database;

    private final Supplier<Warehouse> warehouse = lazy(this::buildWarehouse);
    private final Supplier<WarehouseTools> warehouseTools = lazy(this::buildWarehouseTools);
    private final Supplier<SqlGuard> sqlGuard = lazy(this::buildSqlGuard);
    // One OkHttp client (timeouts, retries honouring Retry-After, no header or body logging) is shared by every
    // outside system: CRM, calls, web search, actions and the Firebolt warehouse.
    private final Supplier<OkHttpClient> httpClient = lazy(this::buildHttpClient);
    private final Supplier<Crm> crm = lazy(this::buildCrm);
    private final Supplier<Calls> calls = lazy(this::buildCalls);
    private final Supplier<Optional<WebSearch>> webSearch = lazy(this::buildWebSearch);
    private final Supplier<Optional<SlackNotifier>> slackNotifier = lazy(this::buildSlackNotifier);
    private final Supplier<PendingActionStore> pendingActions = lazy(this::buildPendingActions);
    private final Supplier<CrmTools> crmTools = lazy(() -> new CrmTools(crm()));
    private final Supplier<CallTools> callTools = lazy(this::buildCallTools);
    private final Supplier<WebSearchTools> webSearchTools = lazy(() -> new WebSearchTools(webSearch()));
    private final Supplier<ActionTools> actionTools = lazy(this::buildActionTools);

    DataComponents(Config config, Clock clock, Closeables closeables, DatabaseComponents database) {
        this.config = config;
        this.clock = clock;
        this.closeables = closeables;
        this.database = database;
    }

    Warehouse warehouse() {
        return warehouse.get();
    }

    WarehouseTools warehouseTools() {
        return warehouseTools.get();
    }

    SqlGuard sqlGuard() {
        return sqlGuard.get();
    }

    OkHttpClient httpClient() {
        return httpClient.get();
    }

    Crm crm() {
        return crm.get();
    }

    Calls calls() {
        return calls.get();
    }

    Optional<WebSearch> webSearch() {
        return webSearch.get();
    }

    Optional<SlackNotifier> slackNotifier() {
        return slackNotifier.get();
    }

    PendingActionStore pendingActions() {
        return pendingActions.get();
    }

    CrmTools crmTools() {
        return crmTools.get();
    }

    CallTools callTools() {
        return callTools.get();
    }

    WebSearchTools webSearchTools() {
        return webSearchTools.get();
    }

    ActionTools actionTools() {
        return actionTools.get();
    }

    private CallTools buildCallTools() {
        return new CallTools(calls(), crm(), clock);
    }

    private ActionTools buildActionTools() {
        Map<String, URI> named = new LinkedHashMap<>();
        config.webhook().outboundUrl().ifPresent(url -> named.put("default", url));
        return new ActionTools(
                pendingActions(),
                crm(),
                webhookSender(),
                named,
                slackNotifier(),
                config.slack().approvalTtl(),
                clock);
    }

    /** Not registered for closing here: the warehouse switch registers the one it builds. */
    private Warehouse fireboltWarehouse() {
        var w = config.warehouse();
        return new FireboltHttpWarehouse(
                httpClient(),
                new FireboltHttpWarehouse.Options(
                        w.fireboltClientId(),
                        w.fireboltClientSecret(),
                        w.fireboltAccount(),
                        w.fireboltDatabase(),
                        w.fireboltEngine(),
                        w.fireboltApiUrl().orElse(FireboltHttpWarehouse.Options.DEFAULT_API_URL),
                        w.fireboltCoreUrl()),
                clock);
    }

    private WarehouseTools buildWarehouseTools() {
        return new WarehouseTools(
                warehouse(),
                sqlGuard(),
                config.knowledge().knowledgeDir(),
                config.warehouse().rowLimit(),
                config.warehouse().byteLimit(),
                config.warehouse().statementTimeout());
    }

    private SqlGuard buildSqlGuard() {
        Config.WarehouseConfig c = config.warehouse();
        SqlDialect dialect = switch (c.kind()) {
            case DEMO -> SqlDialect.DUCKDB;
            case JDBC -> SqlDialect.forJdbcUrl(c.jdbcUrl().orElseThrow());
            case FIREBOLT -> SqlDialect.FIREBOLT;
        };
        return new SqlGuard(dialect, new WarehouseTableCatalog(warehouse(), clock));
    }

    private Warehouse buildWarehouse() {
        Config.WarehouseConfig c = config.warehouse();
        return closeables.add(
                switch (c.kind()) {
                    case DEMO ->
                        new DuckDbWarehouse(
                                DuckDbWarehouse.demoFile(config.storage().home()), clock);
                    case JDBC -> new JdbcWarehouse(c.jdbcUrl().orElseThrow(), 4, c.statementTimeout());
                    case FIREBOLT -> fireboltWarehouse();
                });
    }

    private OkHttpClient buildHttpClient() {
        OkHttpClient client = HttpClients.standard();
        closeables.add(() -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        });
        return client;
    }

    private Crm buildCrm() {
        var c = config.crm();
        if (c.salesforce()) {
            return new SalesforceCrm(
                    httpClient(),
                    c.salesforceInstanceUrl().orElseThrow(),
                    c.salesforceClientId().orElseThrow(),
                    c.salesforceClientSecret().orElseThrow());
        }
        return new WarehouseCrm(warehouse(), crmUpdateLog(), clock);
    }

    /** Where warehouse-mode CRM updates are logged: the RevBot database, else a DuckDB file under REVBOT_HOME. */
    private CrmUpdateLog crmUpdateLog() {
        if (!config.storage().embedded()) {
            return new CrmUpdateLog(() -> database.database().getConnection(), "crm_updates in REVBOT_DATABASE_URL");
        }
        Path file = config.storage().home().resolve("crm_updates.duckdb").toAbsolutePath();
        return new CrmUpdateLog(
                () -> {
                    try {
                        Files.createDirectories(file.getParent());
                    } catch (IOException e) {
                        throw new SQLException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
                    }
                    return DriverManager.getConnection("jdbc:duckdb:" + file);
                },
                "crm_updates in " + file);
    }

    private Calls buildCalls() {
        var c = config.calls();
        if (c.gong()) {
            return new GongCalls(
                    httpClient(),
                    c.gongBaseUrl().orElseThrow(),
                    c.gongAccessKey().orElseThrow(),
                    c.gongAccessKeySecret().orElseThrow());
        }
        return new WarehouseCalls(warehouse());
    }

    private Optional<WebSearch> buildWebSearch() {
        var s = config.search();
        return switch (s.provider()) {
            case NONE -> Optional.empty();
            case TAVILY ->
                Optional.of(new TavilySearch(
                        httpClient(),
                        s.baseUrl().orElse(TavilySearch.DEFAULT_BASE_URL),
                        s.apiKey().orElseThrow()));
            case BRAVE ->
                Optional.of(new BraveSearch(
                        httpClient(),
                        s.baseUrl().orElse(BraveSearch.DEFAULT_BASE_URL),
                        s.apiKey().orElseThrow()));
        };
    }

    private Optional<SlackNotifier> buildSlackNotifier() {
        return config.slack()
                .botToken()
                .map(token ->
                        new SlackWebApiNotifier(httpClient(), config.slack().apiUrl(), token));
    }

    private Optional<WebhookSender> webhookSender() {
        return config.webhook()
                .signingSecret()
                .map(secret -> new WebhookSender(
                        httpClient(),
                        new OutboundUrlGuard(config.webhook().outboundAllowPrivate()),
                        actionWebhookHosts(),
                        secret,
                        clock));
    }

    /** {@code REVBOT_ACTION_WEBHOOK_HOSTS} and the configured target's host: the only places webhook actions go. */
    private HostAllowList actionWebhookHosts() {
        HostAllowList configured = config.access().actionWebhookHosts();
        return config.webhook()
                .outboundUrl()
                .flatMap(HostAllowList::hostOf)
                .map(host -> configured.with(HostAllowList.of(List.of(host))))
                .orElse(configured);
    }

    private PendingActionStore buildPendingActions() {
        var executor = new ApprovedActions(crm(), webhookSender(), slackNotifier());
        if (config.storage().embedded()) {
            // decisions are audited to a file so they outlive the process, like the database's audit table
            return new InMemoryPendingActions(
                    executor,
                    java.util.Optional.of(
                            config.storage().home().resolve("audit").resolve("pending-actions.jsonl")));
        }
        return new PostgresPendingActions(database.database(), executor);
    }
}
