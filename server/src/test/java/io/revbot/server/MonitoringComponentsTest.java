package io.revbot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.Request;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.recording.ScriptedRuns;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringComponentsTest {

    @Test
    void theMonitoringListenersExportTheRunAndSendItsTraceOverOtlp(@TempDir Path home) throws Exception {
        try (MockWebServer collector = new MockWebServer()) {
            collector.enqueue(new MockResponse.Builder().code(200).build());
            collector.start(InetAddress.getByName("127.0.0.1"), 0);
            Config config = Config.from(Settings.of(Map.of(
                    "REVBOT_HOME", home.toString(),
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getPort(),
                    "SLACK_BOT_TOKEN", "xoxb-planted-bot-token",
                    "SLACK_SIGNING_SECRET", "planted-signing-secret",
                    "REVBOT_MODEL_PRICES", "claude-sonnet-4=1/2")));
            try (Components components = new Components(config, Clock.systemUTC())) {
                RunListener monitoring = RunListener.all(components.monitoring());
                // The planted Slack signing secret shows up in the user's text; the export must not carry it.
                List<RunEvent> events = new ArrayList<>(
                        ScriptedRuns.toolError("components-1", ScriptedRuns.T0).events());
                RunEvent.RunStarted started = (RunEvent.RunStarted) events.get(0);
                Request request = started.request();
                events.set(
                        0,
                        new RunEvent.RunStarted(
                                started.runId(),
                                started.at(),
                                new Request(
                                        request.runId(),
                                        request.session(),
                                        "is planted-signing-secret valid?",
                                        request.channel(),
                                        request.principal(),
                                        request.receivedAt()),
                                started.timeContext()));
                events.forEach(monitoring::on);
                assertThat(components.runRecorder().awaitIdle(Duration.ofSeconds(20)))
                        .isTrue();
                assertThat(components.runRecorder().stats().exported()).isEqualTo(1);
            }
            RecordedRequest traces = collector.takeRequest(20, TimeUnit.SECONDS);
            assertThat(traces).isNotNull();
            assertThat(traces.getMethod()).isEqualTo("POST");
            assertThat(traces.getUrl().encodedPath()).isEqualTo("/v1/traces");
            assertThat(traces.getBodySize()).isPositive();
        }
        Path folder;
        try (var walk = Files.walk(home.resolve("conversations"))) {
            folder = walk.filter(p -> p.getFileName().toString().endsWith("components-1"))
                    .findFirst()
                    .orElseThrow();
        }
        String conversation = Files.readString(folder.resolve("conversation.json"));
        assertThat(conversation).doesNotContain("planted-signing-secret").contains("[REDACTED:secret]");
        // REVBOT_MODEL_PRICES overrides Sonnet: 1 $/M in, 2 $/M out, cache reads at a tenth of input:
        // 3,350 in, 115 out, 400 cache read -> (3350 + 230 + 40) / 1e6.
        assertThat(conversation).contains("\"estimated_cost_usd\" : 0.00362");
    }
}
