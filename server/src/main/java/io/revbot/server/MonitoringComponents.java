package io.revbot.server;

import static io.revbot.server.Components.lazy;

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
import io.revbot.orchestrator.recording.FeedbackStore;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import io.revbot.orchestrator.recording.PostgresFeedbackStore;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.orchestrator.recording.RunTracer;
import io.revbot.orchestrator.recording.S3Exporter;
import io.revbot.server.config.Config;
import io.revbot.server.config.ConfiguredSecrets;
import io.revbot.server.conversations.UsageMetrics;
import io.revbot.tools.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds what watches the runs (conversation monitoring): the recorder that exports each run to
 * {@code REVBOT_EXPORT_DIR} (and S3) with every configured secret redacted, usage metrics for Prometheus, the
 * OpenTelemetry tracer (OTLP/HTTP when an endpoint is configured), the price table, the store that reads the
 * exports back, and where feedback on answers is kept. The constructor does no I/O.
 */
final class MonitoringComponents {
    private final Config config;
    private final Clock clock;
    private final Closeables closeables;

    private final Supplier<PriceTable> priceTable = lazy(this::buildPriceTable);
    private final Supplier<RunRecorder> runRecorder = lazy(this::buildRunRecorder);
    private final Supplier<UsageMetrics> usageMetrics =
            lazy(() -> new UsageMetrics(Metrics.globalRegistry(), priceTable()).watch(runRecorder()));
    private final Supplier<RunTracer> runTracer = lazy(this::buildRunTracer);
    private final Supplier<ConversationStore> conversationStore = lazy(this::buildConversationStore);

    private final DatabaseComponents database;
    private final Supplier<FeedbackStore> feedbackStore = lazy(this::buildFeedbackStore);

    MonitoringComponents(Config config, Clock clock, Closeables closeables, DatabaseComponents database) {
        this.config = config;
        this.clock = clock;
        this.closeables = closeables;
        this.database = database;
    }

    /** Feedback on answers: PostgreSQL when a database is configured, else a file beside the exports. */
    FeedbackStore feedbackStore() {
        return feedbackStore.get();
    }

    private FeedbackStore buildFeedbackStore() {
        return config.storage().embedded()
                ? new FileFeedbackStore(config.export().directory())
                : new PostgresFeedbackStore(database.database());
    }

    UsageMetrics usageMetrics() {
        return usageMetrics.get();
    }

    RunTracer runTracer() {
        return runTracer.get();
    }

    List<RunListener> monitoring() {
        return List.of(runRecorder(), usageMetrics(), runTracer());
    }

    PriceTable priceTable() {
        return priceTable.get();
    }

    RunRecorder runRecorder() {
        return runRecorder.get();
    }

    ConversationStore conversationStore() {
        return conversationStore.get();
    }

    private ConversationStore buildConversationStore() {
        return new ConversationStore(config.export().directory(), feedbackStore());
    }

    /** Every credential in the configuration: the recorder removes them from exports wherever they appear. */
    List<Secret> configuredSecrets() {
        return ConfiguredSecrets.of(config);
    }

    private PriceTable buildPriceTable() {
        return config.export().modelPrices().map(PriceTable::withOverrides).orElseGet(PriceTable::builtIn);
    }

    private RunRecorder buildRunRecorder() {
        List<ConversationExporter> exporters = new ArrayList<>();
        exporters.add(new DirectoryExporter(config.export().directory()));
        config.export()
                .s3Uri()
                .ifPresent(uri -> exporters.add(closeables.add(S3Exporter.create(
                        uri, config.export().s3Endpoint(), config.model().awsRegion()))));
        return closeables.add(
                new RunRecorder(priceTable(), new Redactor(configuredSecrets(), List.of()), exporters, clock));
    }

    private RunTracer buildRunTracer() {
        return new RunTracer(config.server()
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
                    closeables.add(provider);
                    return (OpenTelemetry) OpenTelemetrySdk.builder()
                            .setTracerProvider(provider)
                            .build();
                })
                .orElseGet(OpenTelemetry::noop));
    }
}
