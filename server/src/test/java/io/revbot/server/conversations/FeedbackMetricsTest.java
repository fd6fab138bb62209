package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import io.revbot.orchestrator.recording.RunFeedback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackMetricsTest {
    @TempDir
    Path exports;

    @Test
    void everyClickIsStoredAndCountedByValueOnTheObserveEndpoint() throws Exception {
        FileFeedbackStore store = new FileFeedbackStore(exports);
        FeedbackMetrics metrics = new FeedbackMetrics(store, Metrics.globalRegistry());
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        metrics.record(new RunFeedback("run-1", RunFeedback.Value.NEGATIVE, "slack:T1:U1", at));
        metrics.record(new RunFeedback("run-2", RunFeedback.Value.NEGATIVE, "slack:T1:U1", at));
        metrics.record(new RunFeedback("run-3", RunFeedback.Value.POSITIVE, "slack:T1:U2", at));

        assertThat(store.all()).containsOnlyKeys("run-1", "run-2", "run-3");
        assertThat(metrics.find("run-3"))
                .hasValueSatisfying(f -> assertThat(f.value()).isEqualTo(RunFeedback.Value.POSITIVE));
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .addFeature(ObserveFeature.builder()
                        .addObserver(MetricsObserver.builder().build())
                        .build())
                .build()
                .start();
        try {
            HttpResponse<String> res = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/observe/metrics"))
                                    .header("Accept", "text/plain")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(res.body())
                    .containsPattern("revbot_feedback_total\\{[^}]*value=\"negative\"[^}]*\\} 2\\.0")
                    .containsPattern("revbot_feedback_total\\{[^}]*value=\"positive\"[^}]*\\} 1\\.0");
        } finally {
            server.stop();
        }
    }
}
