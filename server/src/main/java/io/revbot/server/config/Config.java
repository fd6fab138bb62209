package io.revbot.server.config;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Month;
import java.util.List;
import java.util.Optional;

/**
 * All of RevBot's configuration, bound and validated once at start-up (ARCHITECTURE §4). Records holding secrets
 * keep them as {@link Secret}, so printing a config never shows a credential.
 */
public record Config(
        ModelConfig model,
        RunLimits limits,
        StorageConfig storage,
        WarehouseConfig warehouse,
        CrmConfig crm,
        CallsConfig calls,
        SearchConfig search,
        KnowledgeConfig knowledge,
        SlackConfig slack,
        WebhookConfig webhook,
        ExportConfig export,
        ServerConfig server,
        AnalyticsConfig analytics,
        LoggingConfig logging,
        McpConfig mcp,
        AccessConfig access,
        GroundingConfig grounding) {

    /** Binds every section; throws {@link ConfigurationException} for the first bad value or an unknown key. */
    public static Config from(Settings s) {
        Config config = new Config(
                ModelConfig.from(s),
                RunLimits.from(s),
                StorageConfig.from(s),
                WarehouseConfig.from(s),
                CrmConfig.from(s),
                CallsConfig.from(s),
                SearchConfig.from(s),
                KnowledgeConfig.from(s),
                SlackConfig.from(s),
                WebhookConfig.from(s),
                ExportConfig.from(s),
                ServerConfig.from(s),
                AnalyticsConfig.from(s),
                LoggingConfig.from(s),
                McpConfig.from(s),
                AccessConfig.from(s),
                GroundingConfig.from(s));
        var unknown = s.unknownRevbotKeys();
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw new ConfigurationException(key, "unknown setting (see the configuration reference in README.md)");
        }
        return config;
    }

    public enum ModelProvider {
        BEDROCK,
        ANTHROPIC,
        OPENAI
    }

    /**
     * Which model answers. {@code model} empty means the provider's default in {@code ModelProviders}.
     * {@link #configured()} is false when the provider's credentials are visibly missing. {@code router}: whether the
     * router decides before the manager ({@code REVBOT_ROUTER}); {@code routerModel}: its optional model tier.
     */
    public record ModelConfig(
            ModelProvider provider,
            Optional<String> model,
            Optional<String> routerModel,
            boolean router,
            Optional<String> fallbackModel,
            Optional<String> awsRegion,
            Optional<URI> bedrockEndpoint,
            Optional<Secret> anthropicApiKey,
            Optional<URI> anthropicBaseUrl,
            Optional<Secret> openAiApiKey,
            Optional<URI> openAiBaseUrl,
            boolean awsCredentialsVisible,
            Optional<Secret> awsSecretAccessKey,
            Optional<Secret> awsSessionToken) {

        static ModelConfig from(Settings s) {
            boolean aws = s.string("AWS_ACCESS_KEY_ID").isPresent()
                    || s.string("AWS_PROFILE").isPresent()
                    || s.string("AWS_WEB_IDENTITY_TOKEN_FILE").isPresent()
                    || s.string("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").isPresent()
                    || s.string("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()
                    || java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".aws", "credentials"))
                    || java.nio.file.Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config"));
            return new ModelConfig(
                    s.choice("REVBOT_MODEL_PROVIDER", ModelProvider.class, ModelProvider.BEDROCK),
                    s.string("REVBOT_MODEL"),
                    s.string("REVBOT_ROUTER_MODEL"),
                    s.bool("REVBOT_ROUTER", true),
                    s.string("REVBOT_FALLBACK_MODEL"),
                    s.string("AWS_REGION").or(() -> s.string("AWS_DEFAULT_REGION")),
                    s.url("REVBOT_BEDROCK_ENDPOINT"),
                    s.secret("ANTHROPIC_API_KEY"),
                    s.url("REVBOT_ANTHROPIC_BASE_URL"),
                    s.secret("OPENAI_API_KEY"),
                    s.url("OPENAI_BASE_URL"),
                    aws,
                    // The AWS SDK reads them itself; bound here so exports redact them like every configured secret.
                    s.secret("AWS_SECRET_ACCESS_KEY"),
                    s.secret("AWS_SESSION_TOKEN"));
        }

        /** Whether a model can plausibly be reached; when false, {@code ask} fails fast with {@link #howToConfigure()}. */
        public boolean configured() {
            return switch (provider) {
                case BEDROCK -> awsCredentialsVisible && awsRegion.isPresent();
                case ANTHROPIC -> anthropicApiKey.isPresent();
                case OPENAI -> openAiBaseUrl.isPresent() || openAiApiKey.isPresent();
            };
        }

        /** What is missing for the selected provider, and how to set up each of the three. */
        public String howToConfigure() {
            String missing = switch (provider) {
                case BEDROCK ->
                    "provider bedrock needs AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role) and AWS_REGION";
                case ANTHROPIC -> "provider anthropic needs ANTHROPIC_API_KEY";
                case OPENAI ->
                    "provider openai needs OPENAI_BASE_URL (e.g. http://localhost:11434/v1 for Ollama) and/or OPENAI_API_KEY";
            };
            return "No model is configured: " + missing + ". Choose one with REVBOT_MODEL_PROVIDER:"
                    + " bedrock (AWS credentials + AWS_REGION, optional REVBOT_MODEL),"
                    + " anthropic (ANTHROPIC_API_KEY, optional REVBOT_MODEL),"
                    + " openai (OPENAI_BASE_URL for Ollama/vLLM or OPENAI_API_KEY, and REVBOT_MODEL).";
        }
    }

    /** Bounds of a run; each has a named exception when it fires. */
    public record RunLimits(
            int managerTurns,
            int toolCallsPerSpecialist,
            Duration runDeadline,
            Duration delegationDeadline,
            int tokenBudget,
            Month fiscalYearStartMonth,
            int specialistAnswerTokens) {
        static RunLimits from(Settings s) {
            return new RunLimits(
                    s.integer("REVBOT_MAX_MANAGER_TURNS", 8, 1, 100),
                    s.integer("REVBOT_MAX_TOOL_CALLS", 12, 1, 200),
                    s.duration("REVBOT_RUN_DEADLINE", Duration.ofMinutes(5)),
                    s.duration("REVBOT_DELEGATION_DEADLINE", Duration.ofMinutes(3)),
                    s.integer("REVBOT_TOKEN_BUDGET", 400_000, 1_000, 50_000_000),
                    Month.of(s.integer("REVBOT_FISCAL_YEAR_START_MONTH", 1, 1, 12)),
                    s.integer("REVBOT_SPECIALIST_ANSWER_TOKENS", 4_000, 200, 200_000));
        }
    }

    /**
     * Where RevBot keeps its state. No database URL means embedded mode (in-process queue and sessions). The knowledge
     * store follows the database unless {@code REVBOT_VECTOR_DATABASE_URL} names another, or is {@code embedded} (the
     * index under {@code REVBOT_HOME}, for a database without pgvector).
     */
    public record StorageConfig(Path home, Optional<String> databaseUrl, Optional<String> vectorDatabaseUrl) {
        static StorageConfig from(Settings s) {
            Optional<String> db = s.jdbcUrl("REVBOT_DATABASE_URL");
            boolean embeddedIndex = s.string("REVBOT_VECTOR_DATABASE_URL")
                    .filter(v -> v.strip().equalsIgnoreCase("embedded"))
                    .isPresent();
            Optional<String> vector = embeddedIndex
                    ? Optional.empty()
                    : s.jdbcUrl("REVBOT_VECTOR_DATABASE_URL").or(() -> db);
            return new StorageConfig(s.path("REVBOT_HOME", Path.of(".revbot")), db, vector);
        }

        public boolean embedded() {
            return databaseUrl.isEmpty();
        }
    }

    public enum WarehouseKind {
        DEMO,
        JDBC,
        FIREBOLT
    }

    public record WarehouseConfig(
            WarehouseKind kind,
            Optional<String> jdbcUrl,
            Optional<String> fireboltClientId,
            Optional<Secret> fireboltClientSecret,
            Optional<String> fireboltAccount,
            Optional<String> fireboltDatabase,
            Optional<String> fireboltEngine,
            Optional<URI> fireboltApiUrl,
            Optional<URI> fireboltCoreUrl,
            int rowLimit,
            Duration statementTimeout,
            long byteLimit) {
        static WarehouseConfig from(Settings s) {
            var c = new WarehouseConfig(
                    s.choice("REVBOT_WAREHOUSE", WarehouseKind.class, WarehouseKind.DEMO),
                    s.jdbcUrl("REVBOT_WAREHOUSE_JDBC_URL"),
                    s.string("FIREBOLT_CLIENT_ID"),
                    s.secret("FIREBOLT_CLIENT_SECRET"),
                    s.string("FIREBOLT_ACCOUNT"),
                    s.string("FIREBOLT_DATABASE"),
                    s.string("FIREBOLT_ENGINE"),
                    s.url("FIREBOLT_API_URL"),
                    s.url("FIREBOLT_CORE_URL"),
                    s.integer("REVBOT_SQL_ROW_LIMIT", 500, 1, 100_000),
                    s.duration("REVBOT_SQL_TIMEOUT", Duration.ofSeconds(60)),
                    s.bytes("REVBOT_SQL_BYTE_LIMIT", 2_000_000, 10_000, 1_000_000_000));
            if (c.kind == WarehouseKind.JDBC && c.jdbcUrl.isEmpty()) {
                throw new ConfigurationException("REVBOT_WAREHOUSE_JDBC_URL", "required when REVBOT_WAREHOUSE=jdbc");
            }
            if (c.kind == WarehouseKind.FIREBOLT && c.fireboltCoreUrl.isEmpty()) {
                if (c.fireboltClientId.isEmpty()) {
                    throw new ConfigurationException(
                            "FIREBOLT_CLIENT_ID", "required when REVBOT_WAREHOUSE=firebolt (or set FIREBOLT_CORE_URL)");
                }
                if (c.fireboltClientSecret.isEmpty()) {
                    throw new ConfigurationException("FIREBOLT_CLIENT_SECRET", "required with FIREBOLT_CLIENT_ID");
                }
                if (c.fireboltAccount.isEmpty()) {
                    throw new ConfigurationException("FIREBOLT_ACCOUNT", "required when REVBOT_WAREHOUSE=firebolt");
                }
            }
            return c;
        }
    }

    /** Salesforce when its instance URL is set; otherwise the CRM tables of the warehouse. */
    public record CrmConfig(
            Optional<URI> salesforceInstanceUrl,
            Optional<String> salesforceClientId,
            Optional<Secret> salesforceClientSecret) {
        static CrmConfig from(Settings s) {
            var c = new CrmConfig(
                    s.url("SALESFORCE_INSTANCE_URL"),
                    s.string("SALESFORCE_CLIENT_ID"),
                    s.secret("SALESFORCE_CLIENT_SECRET"));
            if (c.salesforceInstanceUrl.isPresent()
                    && (c.salesforceClientId.isEmpty() || c.salesforceClientSecret.isEmpty())) {
                throw new ConfigurationException(
                        c.salesforceClientId.isEmpty() ? "SALESFORCE_CLIENT_ID" : "SALESFORCE_CLIENT_SECRET",
                        "required with SALESFORCE_INSTANCE_URL");
            }
            return c;
        }

        public boolean salesforce() {
            return salesforceInstanceUrl.isPresent();
        }
    }

    /**
     * Gong when its access key is set; otherwise the call tables of the warehouse. The base URL is the company's
     * own (Gong shows it on its API settings page), so there is no default to guess.
     */
    public record CallsConfig(
            Optional<String> gongAccessKey, Optional<Secret> gongAccessKeySecret, Optional<URI> gongBaseUrl) {
        static CallsConfig from(Settings s) {
            var c = new CallsConfig(
                    s.string("GONG_ACCESS_KEY"), s.secret("GONG_ACCESS_KEY_SECRET"), s.url("GONG_BASE_URL"));
            if (c.gongAccessKey.isPresent() && c.gongAccessKeySecret.isEmpty()) {
                throw new ConfigurationException("GONG_ACCESS_KEY_SECRET", "required with GONG_ACCESS_KEY");
            }
            if (c.gongAccessKey.isPresent() && c.gongBaseUrl.isEmpty()) {
                throw new ConfigurationException(
                        "GONG_BASE_URL",
                        "required with GONG_ACCESS_KEY: your company's API base URL, shown in Gong under Company"
                                + " settings > Ecosystem > API (e.g. https://us-12345.api.gong.io)");
            }
            return c;
        }

        public boolean gong() {
            return gongAccessKey.isPresent();
        }
    }

    public enum SearchProvider {
        TAVILY,
        BRAVE,
        NONE
    }

    public record SearchConfig(SearchProvider provider, Optional<Secret> apiKey, Optional<URI> baseUrl) {
        static SearchConfig from(Settings s) {
            SearchProvider provider = s.choice("REVBOT_SEARCH_PROVIDER", SearchProvider.class, SearchProvider.NONE);
            Optional<Secret> key = s.secret("REVBOT_SEARCH_API_KEY")
                    .or(() -> provider == SearchProvider.TAVILY ? s.secret("TAVILY_API_KEY") : Optional.empty())
                    .or(() -> provider == SearchProvider.BRAVE ? s.secret("BRAVE_SEARCH_API_KEY") : Optional.empty());
            if (provider != SearchProvider.NONE && key.isEmpty()) {
                throw new ConfigurationException(
                        "REVBOT_SEARCH_API_KEY",
                        "required when REVBOT_SEARCH_PROVIDER="
                                + provider.name().toLowerCase());
            }
            return new SearchConfig(provider, key, s.url("REVBOT_SEARCH_BASE_URL"));
        }
    }

    public enum EmbeddingProvider {
        MINILM,
        TITAN
    }

    /** The knowledge base: the markdown folder, the agents folder, and the embedding model. */
    public record KnowledgeConfig(Path knowledgeDir, Optional<Path> agentsDir, EmbeddingProvider embeddings) {
        static KnowledgeConfig from(Settings s) {
            Optional<Path> root = s.string("REVBOT_SOURCE_ROOT").map(Path::of);
            Path defaultKb = root.map(r -> r.resolve("knowledge_base")).orElse(Path.of("knowledge_base"));
            Optional<Path> agents =
                    s.string("REVBOT_AGENTS_DIR").map(Path::of).or(() -> root.map(r -> r.resolve("agents")));
            return new KnowledgeConfig(
                    s.path("REVBOT_KNOWLEDGE_DIR", defaultKb),
                    agents,
                    s.choice("REVBOT_EMBEDDINGS", EmbeddingProvider.class, EmbeddingProvider.MINILM));
        }
    }

    public record SlackConfig(
            Optional<Secret> botToken,
            Optional<Secret> signingSecret,
            Optional<Secret> appToken,
            URI apiUrl,
            List<String> approvers,
            Duration approvalTtl) {
        static SlackConfig from(Settings s) {
            var c = new SlackConfig(
                    s.secret("SLACK_BOT_TOKEN"),
                    s.secret("SLACK_SIGNING_SECRET"),
                    s.secret("SLACK_APP_TOKEN"),
                    s.url("REVBOT_SLACK_API_URL").orElse(URI.create("https://slack.com/api/")),
                    s.list("REVBOT_APPROVERS"),
                    s.duration("REVBOT_APPROVAL_TTL", Duration.ofMinutes(15)));
            if (c.botToken.isPresent() && c.signingSecret.isEmpty() && c.appToken.isEmpty()) {
                throw new ConfigurationException(
                        "SLACK_SIGNING_SECRET",
                        "required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
            }
            return c;
        }

        public boolean enabled() {
            return botToken.isPresent();
        }
    }

    public record WebhookConfig(
            List<NamedToken> apiTokens,
            boolean allowUnauthenticated,
            Optional<URI> outboundUrl,
            Optional<Secret> signingSecret,
            boolean outboundAllowPrivate,
            int rateLimitPerMinute,
            Duration jobTimeout) {
        static WebhookConfig from(Settings s) {
            return new WebhookConfig(
                    NamedToken.parse("REVBOT_API_TOKENS", s.list("REVBOT_API_TOKENS")),
                    s.bool("REVBOT_ALLOW_UNAUTHENTICATED", false),
                    s.url("REVBOT_OUTBOUND_WEBHOOK_URL"),
                    s.secret("REVBOT_WEBHOOK_SIGNING_SECRET"),
                    s.bool("REVBOT_OUTBOUND_ALLOW_PRIVATE", false),
                    s.integer("REVBOT_WEBHOOK_RATE_LIMIT", 60, 1, 1_000_000),
                    s.duration("REVBOT_JOB_TIMEOUT", Duration.ofMinutes(15)));
        }
    }

    /**
     * Conversation export. {@code modelPrices} ({@code REVBOT_MODEL_PRICES}) adds to or overrides the built-in
     * price table used for cost estimates: {@code key=input/output[/cacheRead/cacheWrite]} in US dollars per
     * million tokens, comma-separated; a key matches every model id containing it.
     */
    public record ExportConfig(
            Path directory, Optional<URI> s3Uri, Optional<URI> s3Endpoint, Optional<String> modelPrices) {
        public ExportConfig(Path directory, Optional<URI> s3Uri, Optional<URI> s3Endpoint) {
            this(directory, s3Uri, s3Endpoint, Optional.empty());
        }

        static ExportConfig from(Settings s) {
            Path home = s.path("REVBOT_HOME", Path.of(".revbot"));
            Optional<URI> s3 = s.string("REVBOT_EXPORT_S3_URI").map(v -> {
                URI uri = URI.create(v);
                if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new ConfigurationException(
                            "REVBOT_EXPORT_S3_URI", "expected s3://bucket/prefix, got '" + v + "'");
                }
                return uri;
            });
            Optional<String> prices = s.string("REVBOT_MODEL_PRICES");
            prices.ifPresent(spec -> {
                try {
                    io.revbot.orchestrator.recording.PriceTable.withOverrides(spec);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("REVBOT_MODEL_PRICES", e.getMessage());
                }
            });
            return new ExportConfig(
                    s.path("REVBOT_EXPORT_DIR", home.resolve("conversations")),
                    s3,
                    s.url("REVBOT_S3_ENDPOINT"),
                    prices);
        }
    }

    public record ServerConfig(int port, int workers, Optional<URI> otlpEndpoint) {
        static ServerConfig from(Settings s) {
            return new ServerConfig(
                    s.integer("REVBOT_PORT", 8080, 0, 65535),
                    s.integer("REVBOT_WORKERS", 4, 1, 256),
                    s.url("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
    }

    /**
     * Analytics settings: {@code REVBOT_QUARTERLY_TARGET} is the bookings target per quarter in USD (plain or with a
     * K/M suffix: {@code 2500000}, {@code 2.5M}); without it the pipeline reports no coverage or gap.
     */
    public record AnalyticsConfig(Optional<Double> quarterlyTarget) {
        static AnalyticsConfig from(Settings s) {
            Optional<Double> target = s.string("REVBOT_QUARTERLY_TARGET").map(v -> {
                String t = v.replace(",", "")
                        .replace("_", "")
                        .replace("$", "")
                        .trim()
                        .toUpperCase(java.util.Locale.ROOT);
                double factor = 1;
                if (t.endsWith("K")) {
                    factor = 1_000;
                    t = t.substring(0, t.length() - 1);
                } else if (t.endsWith("M")) {
                    factor = 1_000_000;
                    t = t.substring(0, t.length() - 1);
                }
                try {
                    double amount = Double.parseDouble(t) * factor;
                    if (!(amount > 0) || Double.isInfinite(amount)) {
                        throw new NumberFormatException();
                    }
                    return amount;
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(
                            "REVBOT_QUARTERLY_TARGET",
                            "expected a positive USD amount like 2500000 or 2.5M, got '" + v + "'");
                }
            });
            return new AnalyticsConfig(target);
        }
    }
}
