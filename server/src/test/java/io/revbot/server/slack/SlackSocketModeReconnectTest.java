package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.health.HealthCheckResponse;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.tools.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode keeps its connection: Slack's websocket unreachable at start does not stop the bot (it keeps trying,
 * health degraded), and a connection Slack drops is opened again, each time through {@code apps.connections.open}.
 */
class SlackSocketModeReconnectTest {

    private static HealthCheckResponse health(SlackBot bot) {
        return bot.socketModeHealth().orElseThrow().call();
    }

    @Test
    void unreachableAtStartItKeepsTryingWithHealthDegradedThenConnectsAndReconnectsAfterADrop() throws Exception {
        List<WebSocket> opened = new CopyOnWriteArrayList<>();
        try (FakeSlackWebApi slack = new FakeSlackWebApi()) {
            var config = new Config.SlackConfig(
                    Optional.of(Secret.of("xoxb-test-token")),
                    Optional.empty(),
                    Optional.of(Secret.of("xapp-1-A123ABC456-test")),
                    slack.apiUrl(),
                    List.of(),
                    Duration.ofMinutes(15));
            ScriptedSupervisor supervisor = new ScriptedSupervisor(r -> ScriptedSupervisor.Script.answering("fine"));
            try (SlackBot bot = new SlackBot(
                    config,
                    new InMemoryJobQueue(Clock.systemUTC()),
                    () -> supervisor,
                    null,
                    null,
                    Clock.systemUTC(),
                    Duration.ofMillis(20))) {

                long started = System.nanoTime();
                assertThat(bot.startSocketMode()).isTrue(); // the websocket is not served yet
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

                Eventually.await(
                        Duration.ofSeconds(20),
                        () -> slack.calls("apps.connections.open").size() >= 2,
                        () -> "tries again; calls " + slack.calls());
                HealthCheckResponse degraded = health(bot);
                assertThat(degraded.status()).isEqualTo(HealthCheckResponse.Status.UP);
                assertThat(degraded.details()).containsEntry("state", "degraded");
                assertThat(degraded.details()).containsEntry("connection", "connecting");

                slack.socketMode(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        opened.add(webSocket);
                        webSocket.send(
                                SlackRequests.fixture("socket_mode_hello.json").toString());
                    }
                });
                Eventually.await(
                        Duration.ofSeconds(30),
                        () -> "ok".equals(health(bot).details().get("state")),
                        () -> "connects once Slack answers; health "
                                + health(bot).details());
                assertThat(opened).hasSize(1);
                int opens = slack.calls("apps.connections.open").size();

                opened.getFirst().close(1001, "server restarting"); // Slack drops the connection

                Eventually.await(
                        Duration.ofSeconds(30),
                        () -> opened.size() == 2
                                && "ok".equals(health(bot).details().get("state")),
                        () -> "reconnects after the drop; opened " + opened.size() + ", health "
                                + health(bot).details());
                assertThat(slack.calls("apps.connections.open").size())
                        .as("a fresh URL for the new connection")
                        .isGreaterThan(opens);
            }
            opened.forEach(s -> s.close(1000, "test over"));
        }
    }
}
