package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunTracerTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final RunTracer tracer =
            new RunTracer(OpenTelemetrySdk.builder().setTracerProvider(provider).build());

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aParallelDelegationBecomesOneTraceWithRouterAgentToolAndModelSpans() {
        ScriptedRuns run = ScriptedRuns.parallelDelegation("trace-1", ScriptedRuns.T0);
        run.events().forEach(tracer::on);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans)
                .extracting(SpanData::getTraceId)
                .containsOnly(spans.get(0).getTraceId());
        Map<String, SpanData> byName = spans.stream()
                .filter(s -> !s.getName().startsWith("chat "))
                .collect(Collectors.toMap(SpanData::getName, Function.identity()));
        assertThat(byName)
                .containsKeys(
                        "revbot.run",
                        "router",
                        "invoke_agent manager",
                        "invoke_agent deal_analysis",
                        "invoke_agent data",
                        "execute_tool run_sql",
                        "execute_tool deal_review");
        SpanData root = byName.get("revbot.run");
        SpanData manager = byName.get("invoke_agent manager");
        SpanData data = byName.get("invoke_agent data");
        SpanData sql = byName.get("execute_tool run_sql");
        assertThat(manager.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(data.getParentSpanId()).isEqualTo(manager.getSpanId());
        assertThat(sql.getParentSpanId()).isEqualTo(data.getSpanId());
        assertThat(sql.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
                .isEqualTo("execute_tool");
        assertThat(sql.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                .isEqualTo("run_sql");
        assertThat(root.getAttributes().get(AttributeKey.stringKey("revbot.routing")))
                .isEqualTo("delegated");
        assertThat(root.getEndEpochNanos() - root.getStartEpochNanos()).isPositive();

        List<SpanData> chats =
                spans.stream().filter(s -> s.getName().startsWith("chat ")).toList();
        assertThat(chats).hasSize(6);
        SpanData first = chats.stream()
                .filter(s -> s.getParentSpanId().equals(data.getSpanId()))
                .findFirst()
                .orElseThrow();
        assertThat(first.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
                .isEqualTo(ScriptedRuns.MODEL);
        assertThat(first.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .isEqualTo(800L);
        assertThat(first.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .isEqualTo(25L);
        // a model span covers the call: it ends at the event and lasts the call's duration (8 ms)
        assertThat(first.getEndEpochNanos() - first.getStartEpochNanos()).isEqualTo(8_000_000L);
    }

    @Test
    void aTimedOutBranchAndAFailedToolAreErrorSpans() {
        ScriptedRuns.timeout("trace-2", ScriptedRuns.T0).events().forEach(tracer::on);
        Map<String, SpanData> byName = exporter.getFinishedSpanItems().stream()
                .filter(s -> !s.getName().startsWith("chat "))
                .collect(Collectors.toMap(SpanData::getName, Function.identity()));
        assertThat(byName.get("invoke_agent web_search").getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
        assertThat(byName.get("execute_tool web_search").getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
        assertThat(byName.get("invoke_agent lead_analysis").getStatus().getStatusCode())
                .isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFailedRunClosesEverySpanAndMarksTheRoot() {
        ScriptedRuns.deadline("trace-3", ScriptedRuns.T0).events().forEach(tracer::on);
        SpanData root = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("revbot.run"))
                .findFirst()
                .orElseThrow();
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(root.getAttributes().get(AttributeKey.stringKey("revbot.failure")))
                .isEqualTo("deadline");
        assertThat(exporter.getFinishedSpanItems()).hasSize(5); // run, router, manager, data, run_sql
    }
}
