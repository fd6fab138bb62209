package io.revbot.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.ingest.KnowledgeFreshness;
import io.revbot.orchestrator.models.ChatModels;
import io.revbot.orchestrator.models.ModelProviderSettings;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.webhook.StandardWebhooksSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code revbot doctor}: checks every integration and prints one line each: ok (with what answered), not
 * configured (with the setting that turns it on), or the exact failure. Exit 1 when a configured integration
 * fails. It makes one cheap call per integration (a token, {@code SELECT 1}, {@code auth.test}, one search), one
 * tiny call to each configured model (primary, fallback, router: a few tokens each) with its latency, checks the
 * webhook signing secret's format, and checks that the knowledge store (pgvector where configured) holds the folder's
 * chunks as they are now.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "Checks each configured integration and says what works.")
public final class DoctorCommand implements Callable<Integer> {
    private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(30);
    private final CliContext context;

    @CommandLine.Mixin
    JsonOutput json;

    public DoctorCommand(CliContext context) {
        this.context = context;
    }

    /** The outcome of one check. */
    record Check(String integration, Status status, String detail) {}

    enum Status {
        OK,
        NOT_CONFIGURED,
        FAILED
    }

    @FunctionalInterface
    private interface Probe {
        Check run() throws Exception;
    }

    @Override
    public Integer call() {
        Components components = context.components();
        Config config = components.config();
        List<Check> checks = new ArrayList<>(models(components));
        checks.add(run("warehouse", () -> warehouse(components)));
        checks.add(run("crm", () -> crm(components)));
        checks.add(run("calls", () -> calls(components)));
        checks.add(run("web search", () -> webSearch(components)));
        checks.add(run("slack", () -> slack(components)));
        checks.add(run("webhook", () -> webhook(config)));
        checks.add(run("database", () -> database(config)));
        checks.add(run("knowledge", () -> knowledge(components)));
        checks.add(run("mcp servers", () -> mcpServers(components)));
        print(checks);
        return checks.stream().anyMatch(c -> c.status() == Status.FAILED) ? 1 : 0;
    }

    private static Check run(String name, Probe probe) {
        try {
            Check c = probe.run();
            return new Check(name, c.status(), c.detail());
        } catch (Exception | LinkageError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Check(name, Status.FAILED, message.lines().findFirst().orElse(message));
        }
    }

    /** One line per configured model (primary, REVBOT_FALLBACK_MODEL, REVBOT_ROUTER_MODEL), each called once. */
    private static List<Check> models(Components components) {
        Config.ModelConfig m = components.config().model();
        if (!m.configured()) {
            return List.of(new Check("model", Status.NOT_CONFIGURED, m.howToConfigure()));
        }
        ModelProviderSettings settings = components.modelProviderSettings().withTimeout(MODEL_TIMEOUT);
        String provider = settings.provider().name().toLowerCase(Locale.ROOT);
        List<Check> checks = new ArrayList<>();
        ChatModel chat;
        try {
            chat = ChatModels.create(settings);
        } catch (RuntimeException e) {
            return List.of(new Check("model", Status.FAILED, "provider " + provider + ": " + e.getMessage()));
        }
        checks.add(ping("model", chat, m.model().orElseGet(() -> ChatModels.defaultModel(settings)), settings));
        m.fallbackModel().ifPresent(id -> checks.add(ping("fallback model", chat, id, settings)));
        m.routerModel().ifPresent(id -> checks.add(ping("router model", chat, id, settings)));
        return checks;
    }

    private static Check ping(String name, ChatModel chat, String modelId, ModelProviderSettings settings) {
        String model = settings.provider().name().toLowerCase(Locale.ROOT) + " model " + modelId;
        try {
            Duration took = ModelPing.ping(chat, modelId);
            return new Check(name, Status.OK, model + " answered in " + took.toMillis() + " ms");
        } catch (RuntimeException e) {
            return new Check(name, Status.FAILED, model + ": " + ModelPing.failure(e, settings.endpoint()));
        }
    }

    private static Check warehouse(Components components) {
        var warehouse = components.warehouse();
        long start = System.nanoTime();
        warehouse.query("SELECT 1", 1, Duration.ofSeconds(30));
        return ok(warehouse.describe() + " answered SELECT 1 in " + millis(start) + " ms");
    }

    private static Check crm(Components components) {
        var crm = components.crm();
        long start = System.nanoTime();
        crm.check();
        return ok(crm.describe() + " answered in " + millis(start) + " ms");
    }

    private static Check calls(Components components) {
        var calls = components.calls();
        long start = System.nanoTime();
        calls.check();
        return ok(calls.describe() + " answered in " + millis(start) + " ms");
    }

    private static Check webSearch(Components components) {
        var search = components.webSearch();
        if (search.isEmpty()) {
            return notConfigured("REVBOT_SEARCH_PROVIDER=none; set tavily or brave and REVBOT_SEARCH_API_KEY");
        }
        long start = System.nanoTime();
        int results = search.get().search("RevBot connectivity check", 1).size();
        return ok(search.get().describe() + " returned " + results + " result(s) in " + millis(start) + " ms");
    }

    private static Check mcpServers(Components components) {
        var servers = components.config().mcp().servers();
        if (servers.isEmpty()) {
            return notConfigured("no REVBOT_MCP_SERVERS: agents use RevBot's own tools only");
        }
        long start = System.nanoTime();
        var tools = components.mcpConnections().tools();
        return ok(servers.size() + " server(s) connected in " + millis(start) + " ms; allowed tools: "
                + String.join(
                        ", ",
                        tools.stream()
                                .map(t -> t.server() + "/" + t.specification().name())
                                .toList()));
    }

    private static Check slack(Components components) {
        var slack = components.slackNotifier();
        if (slack.isEmpty()) {
            return notConfigured("set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN)");
        }
        return ok(slack.get().describe() + " auth.test: " + slack.get().check());
    }

    private static Check database(Config config) throws Exception {
        var url = config.storage().databaseUrl();
        if (url.isEmpty()) {
            return notConfigured(
                    "embedded mode (in-process queue and sessions); set REVBOT_DATABASE_URL for PostgreSQL");
        }
        try (Connection c = DriverManager.getConnection(url.get())) {
            if (!c.isValid(5)) {
                return new Check("", Status.FAILED, "the connection is not valid");
            }
            var meta = c.getMetaData();
            return ok(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at "
                    + url.get().replaceAll("\\?.*", ""));
        }
    }

    private static Check webhook(Config config) {
        var webhook = config.webhook();
        if (webhook.signingSecret().isEmpty()) {
            return webhook.outboundUrl().isPresent()
                    ? new Check(
                            "",
                            Status.FAILED,
                            "REVBOT_OUTBOUND_WEBHOOK_URL is set but REVBOT_WEBHOOK_SIGNING_SECRET is not: deliveries"
                                    + " would go unsigned; " + StandardWebhooksSecret.howToGenerate())
                    : notConfigured(
                            "set REVBOT_OUTBOUND_WEBHOOK_URL and REVBOT_WEBHOOK_SIGNING_SECRET to deliver results");
        }
        try {
            int bytes = StandardWebhooksSecret.keyBytes(webhook.signingSecret().get());
            return ok("REVBOT_WEBHOOK_SIGNING_SECRET is a Standard Webhooks secret (" + bytes + "-byte key)"
                    + webhook.outboundUrl()
                            .map(url -> "; results go to " + url.getScheme() + "://" + url.getAuthority())
                            .orElse(""));
        } catch (IllegalArgumentException e) {
            return new Check(
                    "",
                    Status.FAILED,
                    "REVBOT_WEBHOOK_SIGNING_SECRET " + e.getMessage() + "; " + StandardWebhooksSecret.howToGenerate());
        }
    }

    /** The store's backend (pgvector where configured), then whether it holds the folder's chunks as they are now. */
    private static Check knowledge(Components components) {
        Path dir = components.config().knowledge().knowledgeDir();
        if (!Files.isDirectory(dir)) {
            return new Check(
                    "",
                    Status.FAILED,
                    "knowledge directory " + dir.toAbsolutePath() + " does not exist (set REVBOT_KNOWLEDGE_DIR)");
        }
        KnowledgeBase kb = components.knowledgeBase();
        String store = kb.checkStore();
        KnowledgeFreshness freshness = kb.freshness();
        String line = store + " " + freshness.line() + " (" + dir + ")";
        return freshness.current()
                ? ok(line)
                : new Check("", Status.FAILED, line + ": run `revbot ingest` (ask and kb search also ingest first)");
    }

    private void print(List<Check> checks) {
        var out = context.out();
        if (json.requested()) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Check c : checks) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("integration", c.integration());
                row.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
                row.put("detail", c.detail());
                rows.add(row);
            }
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            for (Check c : checks) {
                String status = switch (c.status()) {
                    case OK -> "ok";
                    case NOT_CONFIGURED -> "not configured";
                    case FAILED -> "FAILED";
                };
                out.printf("%-14s %-15s %s%n", c.integration(), status, c.detail());
            }
        }
        out.flush();
    }

    private static Check ok(String detail) {
        return new Check("", Status.OK, detail);
    }

    private static Check notConfigured(String detail) {
        return new Check("", Status.NOT_CONFIGURED, detail);
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
