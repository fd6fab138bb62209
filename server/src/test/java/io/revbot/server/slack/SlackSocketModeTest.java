package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.tools.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode against a fake Slack: {@code apps.connections.open} hands out a loopback websocket that pushes the same
 * event twice (a redelivery); RevBot acknowledges both envelopes and answers once, in the thread.
 */
class SlackSocketModeTest {

    @Test
    void eventsPushedOverTheWebsocketAreAcknowledgedAndAnsweredOnce() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<WebSocket> sockets = new CopyOnWriteArrayList<>();
        try (FakeSlackWebApi slack = new FakeSlackWebApi()) {
            slack.refuseAgentMethods(); // the plain-message path; SlackAgentTest covers streaming
            slack.socketMode(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    sockets.add(webSocket);
                    webSocket.send(
                            SlackRequests.fixture("socket_mode_hello.json").toString());
                    JsonObject payload = SlackRequests.fixture("app_mention.json");
                    for (int attempt = 0; attempt < 2; attempt++) {
                        JsonObject envelope = new JsonObject();
                        envelope.addProperty("envelope_id", "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545-" + attempt);
                        envelope.add("payload", payload);
                        envelope.addProperty("type", "events_api");
                        envelope.addProperty("accepts_response_payload", false);
                        envelope.addProperty("retry_attempt", attempt);
                        envelope.addProperty("retry_reason", attempt == 0 ? "" : "timeout");
                        webSocket.send(envelope.toString());
                    }
                }

                @Override
                public void onMessage(WebSocket webSocket, String text) {
                    received.add(text);
                }
            });
            ScriptedSupervisor supervisor =
                    new ScriptedSupervisor(r -> ScriptedSupervisor.Script.answering("**Fine.**"));
            InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC());
            var config = new Config.SlackConfig(
                    Optional.of(Secret.of("xoxb-test-token")),
                    Optional.empty(),
                    Optional.of(Secret.of("xapp-1-A123ABC456-test")),
                    slack.apiUrl(),
                    List.of(),
                    Duration.ofMinutes(15));
            try (SlackBot bot = new SlackBot(
                    config, queue, () -> supervisor, null, null, Clock.systemUTC(), Duration.ofMillis(20))) {
                JobWorkers workers = new JobWorkers(
                                queue,
                                Map.of(JobKind.SLACK_EVENT, bot.eventHandler()),
                                JobWorkers.Settings.of(2, Duration.ofMinutes(1))
                                        .withPollInterval(Duration.ofMillis(20)),
                                JobObserver.NONE,
                                "socket-test")
                        .start();
                try {
                    assertThat(bot.startSocketMode()).isTrue();

                    Eventually.await(
                            Duration.ofSeconds(20),
                            () -> received.stream()
                                            .filter(m -> m.contains("envelope_id"))
                                            .count()
                                    == 2,
                            () -> "both acknowledgements; got " + received);
                    Eventually.await(
                            Duration.ofSeconds(20),
                            () -> slack.calls("chat.update").stream()
                                    .anyMatch(c -> c.param("text").equals("*Fine.*")),
                            () -> "the answer; calls " + slack.calls());
                    Thread.sleep(300);
                } finally {
                    workers.stop(Duration.ofSeconds(5));
                }
            }
            sockets.forEach(s -> s.close(1000, "test over")); // MockWebServer waits for open sockets on close
            assertThat(slack.calls("apps.connections.open").getFirst().authorization())
                    .isEqualTo("Bearer xapp-1-A123ABC456-test");
            assertThat(received)
                    .map(m -> JsonParser.parseString(m)
                            .getAsJsonObject()
                            .get("envelope_id")
                            .getAsString())
                    .contains("dbdd0ef3-1543-4f94-bfb4-133d0e6c1545-0", "dbdd0ef3-1543-4f94-bfb4-133d0e6c1545-1");
            assertThat(supervisor.started()).hasSize(1);
            assertThat(slack.calls("chat.postMessage"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.param("thread_ts")).isEqualTo("1515449522.000016"));
        }
    }
}
