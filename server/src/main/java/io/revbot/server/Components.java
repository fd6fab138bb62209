package io.revbot.server;

import io.helidon.metrics.api.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.recording.ConversationExporter;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.DirectoryExporter;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.RunTracer;
import io.revbot.orchestrator.recording.S3Exporter;
import io.revbot.server.config.Config;
import io.revbot.server.conversations.UsageMetrics;
import io.revbot.tools.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

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

    // --- recording and export (issue: conversation monitoring) ---

    private final Supplier<PriceTable> priceTable = lazy(
            () -> config().export().modelPrices().map(PriceTable::withOverrides).orElseGet(PriceTable::builtIn));

    private final Supplier<RunRecorder> runRecorder = lazy(() -> {
        List<ConversationExporter> exporters = new ArrayList<>();
        exporters.add(new DirectoryExporter(config().export().directory()));
        config().export()
                .s3Uri()
                .ifPresent(uri -> exporters.add(closeLater(S3Exporter.create(
                        uri, config().export().s3Endpoint(), config().model().awsRegion()))));
        return closeLater(
                new RunRecorder(priceTable(), new Redactor(configuredSecrets(), List.of()), exporters, clock()));
    });

    private final Supplier<UsageMetrics> usageMetrics =
            lazy(() -> new UsageMetrics(Metrics.globalRegistry(), priceTable()).watch(runRecorder()));

    /** Live usage figures as Prometheus metrics (served at {@code /observe/metrics}). */
    public UsageMetrics usageMetrics() {
        return usageMetrics.get();
    }

    private final Supplier<RunTracer> runTracer = lazy(() -> new RunTracer(config().server()
            .otlpEndpoint()
            .map(endpoint -> {
                String base = endpoint.toString().replaceAll("/+$", "");
                SdkTracerProvider provider = SdkTracerProvider.builder()
                        .setResource(Resource.getDefault()
                                .merge(Resource.create(
                                        Attributes.of(AttributeKey.stringKey("service.name"), "revbot"))))
                        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                        .setEndpoint(base + "/v1/traces")
                                        .build())
                                .build())
                        .build();
                closeLater(provider);
                return (OpenTelemetry)
                        OpenTelemetrySdk.builder().setTracerProvider(provider).build();
            })
            .orElseGet(OpenTelemetry::noop)));

    /** Each run as an OpenTelemetry trace, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
    public RunTracer runTracer() {
        return runTracer.get();
    }

    /**
     * What monitoring listens to every run with: the recorder (export), the usage metrics and the tracer. Combine
     * with the edge's own listener: {@code RunListener.all(List.of(narration, RunListener.all(components.monitoring())))}.
     */
    public List<RunListener> monitoring() {
        return List.of(runRecorder(), usageMetrics(), runTracer());
    }

    /** Model prices for cost estimates: built in, plus {@code REVBOT_MODEL_PRICES}. */
    public PriceTable priceTable() {
        return priceTable.get();
    }

    /**
     * Records every run and exports it to {@code REVBOT_EXPORT_DIR} (and S3 when {@code REVBOT_EXPORT_S3_URI} is
     * set) off the answer's path. Pass it to {@code Supervisor.run} as one of the listeners.
     */
    public RunRecorder runRecorder() {
        return runRecorder.get();
    }

    /** The exported runs, read back (CLI {@code conversations}, {@code usage}, the viewer). */
    public ConversationStore conversationStore() {
        return new ConversationStore(config.export().directory());
    }

    /** Every credential in the configuration: the recorder removes them from exports wherever they appear. */
    List<Secret> configuredSecrets() {
        List<Secret> secrets = new ArrayList<>();
        config.model().anthropicApiKey().ifPresent(secrets::add);
        config.model().openAiApiKey().ifPresent(secrets::add);
        config.warehouse().fireboltClientSecret().ifPresent(secrets::add);
        config.crm().salesforceClientSecret().ifPresent(secrets::add);
        config.calls().gongAccessKeySecret().ifPresent(secrets::add);
        config.search().apiKey().ifPresent(secrets::add);
        config.slack().botToken().ifPresent(secrets::add);
        config.slack().signingSecret().ifPresent(secrets::add);
        config.slack().appToken().ifPresent(secrets::add);
        secrets.addAll(config.webhook().apiTokens());
        config.webhook().signingSecret().ifPresent(secrets::add);
        return secrets;
    }

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
