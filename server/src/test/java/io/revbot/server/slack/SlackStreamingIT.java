package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run of issue 12 end to end: the composition root's Slack bot and supervisor, the manager's model a
 * fake Bedrock streaming ConverseStream over HTTP/1.1 with pauses between text deltas (the real async AWS client), a
 * fake Slack Web API recording what reaches the thread.
 */
class SlackStreamingIT {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String THREAD = "1515449522.000016";

    final MockWebServer bedrock = new MockWebServer();
    final FakeConverse converse = new FakeConverse();
    FakeSlackWebApi slack;
    Components components;
    JobWorkers workers;
    WebServer server;
    SlackRequests requests;

    @TempDir
    Path home;

    @TempDir
    Path tree;

    @BeforeEach
    void start() throws Exception {
        bedrock.setDispatcher(converse);
        bedrock.start(InetAddress.getLoopbackAddress(), 0);
        // The AWS SDK's default credential chain reads these system properties (the environment map is ours).
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
        slack = new FakeSlackWebApi();
        Files.createDirectories(tree.resolve("business_logic"));
        Files.writeString(
                tree.resolve("business_logic/stages.md"), "# Stages\n\n## Commit\n\nSigned-off business case.\n");
        Map<String, String> env = new HashMap<>();
        env.put("REVBOT_MODEL_PROVIDER", "bedrock");
        env.put("REVBOT_MODEL", "test-model");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("REVBOT_BEDROCK_ENDPOINT", "http://127.0.0.1:" + bedrock.getPort());
        env.put("REVBOT_HOME", home.toString());
        env.put("REVBOT_EXPORT_DIR", home.resolve("conversations").toString());
        env.put("REVBOT_KNOWLEDGE_DIR", tree.toString());
        env.put("REVBOT_SOURCE_ROOT", Path.of("..").toAbsolutePath().normalize().toString());
        env.put("REVBOT_ROUTER", "false");
        env.put("REVBOT_GROUNDING", "off");
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("SLACK_SIGNING_SECRET", SlackBotContract.SIGNING_SECRET);
        env.put("REVBOT_SLACK_API_URL", slack.apiUrl().toString());
        components = new Components(Config.from(Settings.of(env)), Clock.systemUTC());
        SlackBot bot = components.slackBot().orElseThrow();
        workers = new JobWorkers(
                        components.jobQueue(),
                        components.jobHandlers(),
                        JobWorkers.Settings.of(2, Duration.ofMinutes(1)).withPollInterval(Duration.ofMillis(20)),
                        JobObserver.NONE,
                        "slack-streaming-it")
                .start();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register("/slack", bot.httpService()))
                .build()
                .start();
        requests = new SlackRequests(URI.create("http://127.0.0.1:" + server.port()), SlackBotContract.SIGNING_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (workers != null) {
            workers.stop(Duration.ofSeconds(5));
        }
        if (components != null) {
            components.close();
        }
        slack.close();
        bedrock.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aMentionStreamsTheAnswerFromBedrockIntoTheThreadWhileTheModelWrites() throws Exception {
        // 600 characters in deltas of 40, 200 ms apart: the fake writes for 3 s.
        String answer = "*Pipeline this quarter*\n" + "x".repeat(576);
        converse.streaming(40, Duration.ofMillis(200));
        converse.on(MANAGER, List.of(FakeConverse.text(answer)));

        assertThat(requests.event(SlackRequests.fixture("app_mention.json")).statusCode())
                .isEqualTo(200);
        Eventually.await(
                Duration.ofSeconds(60),
                () -> !slack.calls("chat.stopStream").isEmpty(),
                () -> "the end of the stream; calls " + FakeSlackWebApi.methods(slack.calls()));

        List<FakeSlackWebApi.Call> calls = slack.calls();
        List<String> methods = FakeSlackWebApi.methods(calls);
        FakeSlackWebApi.Call processing =
                slack.calls("agents.sessions.setStatus").getFirst();
        assertThat(processing.param("status")).isEqualTo("processing");
        assertThat(processing.param("thread_ts")).isEqualTo(THREAD);
        assertThat(methods.indexOf("agents.sessions.setStatus")).isLessThan(methods.indexOf("chat.startStream"));
        assertThat(slack.calls("chat.appendStream")).hasSizeGreaterThanOrEqualTo(2);

        FakeSlackWebApi.Call firstText = calls.stream()
                .filter(c ->
                        c.method().endsWith("Stream") && !SlackAgentTest.text(c).isEmpty())
                .findFirst()
                .orElseThrow();
        FakeSlackWebApi.Call stop = slack.calls("chat.stopStream").getFirst();
        long leadMillis = (stop.atNanos() - firstText.atNanos()) / 1_000_000;
        System.out.printf("slack streaming: first text %d ms before the stream stopped%n", leadMillis);
        assertThat(leadMillis)
                .as("the first words reach the thread while the model is still writing")
                .isGreaterThanOrEqualTo(1000);

        String streamed = calls.stream()
                .filter(c -> c.method().endsWith("Stream"))
                .map(SlackAgentTest::text)
                .reduce("", String::concat);
        assertThat(streamed).startsWith(answer);
        assertThat(stop.param("session_status")).isEqualTo("active");
        assertThat(stop.param("blocks")).contains("feedback_buttons");
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(converse.received()).allMatch(FakeConverse::streamed);
    }

    @Test
    void stopEndsTheBedrockRunWithinASecondPostsNothingMoreAndRecordsItCancelled() throws Exception {
        // 2,000 characters in deltas of 40, 200 ms apart: the fake would write for 10 s.
        String answer = "*Pipeline this quarter*\n" + "x".repeat(1976);
        converse.streaming(40, Duration.ofMillis(200));
        converse.on(MANAGER, List.of(FakeConverse.text(answer)));
        requests.event(SlackRequests.fixture("app_mention.json"));
        Eventually.await(
                Duration.ofSeconds(60),
                () -> slack.calls(c -> c.method().endsWith("Stream")
                                        && !SlackAgentTest.text(c).isEmpty())
                                .size()
                        >= 2,
                () -> "the answer streaming; calls " + FakeSlackWebApi.methods(slack.calls()));

        long stopAt = System.nanoTime();
        assertThat(requests.event(SlackRequests.fixture("agent_session_stopped.json"))
                        .statusCode())
                .isEqualTo(200);
        Eventually.await(
                Duration.ofSeconds(5),
                () -> slack.calls("agents.sessions.setStatus").stream()
                        .anyMatch(c -> "active".equals(c.param("status"))),
                () -> "the session back to active");
        long endedMillis = (slack.calls("agents.sessions.setStatus").getLast().atNanos() - stopAt) / 1_000_000;
        System.out.printf("slack stop: run ended and session active %d ms after Stop%n", endedMillis);
        assertThat(endedMillis).as("the run ends within a second of Stop").isLessThan(1000);
        Thread.sleep(1500);

        assertThat(slack.calls(c -> c.atNanos() > stopAt && !c.method().equals("agents.sessions.setStatus")))
                .as("nothing posted after Stop")
                .isEmpty();
        Eventually.await(
                Duration.ofSeconds(20),
                () ->
                        components
                                .conversationStore()
                                .list(io.revbot.orchestrator.recording.ConversationStore.Filter.all())
                                .stream()
                                .anyMatch(r -> "cancelled".equals(r.status())),
                () -> "the run recorded cancelled");
    }
}
