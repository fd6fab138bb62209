package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.Request;
import io.revbot.server.config.Config;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.LeasingJobQueue;
import io.revbot.tools.Secret;
import io.revbot.tools.actions.PendingAction;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack bot end to end: Helidon serving the production services on loopback, a real job queue with its workers,
 * a fake Slack Web API, a scripted supervisor. Run against the in-memory queue ({@code SlackBotTest}) and PostgreSQL
 * ({@code SlackBotIT}).
 */
abstract class SlackBotContract {
    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String CHANNEL = "C123ABC456";
    static final String ASKER = "U061F7AUR";
    static final String APPROVER = "U0APPROVER";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** A fresh, empty queue for one test. */
    abstract LeasingJobQueue newQueue() throws Exception;

    FakeSlackWebApi slack;
    ScriptedSupervisor supervisor;
    InMemoryPendingActions pendingActions;
    LeasingJobQueue queue;
    SlackBot bot;
    JobWorkers workers;
    WebServer server;
    SlackRequests requests;
    final Map<String, ScriptedSupervisor.Script> scripts = new ConcurrentHashMap<>();
    /** What the server's own run listener (metrics, recorder) heard. */
    final List<io.revbot.orchestrator.RunEvent> runEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackWebApi();
        slack.refuseAgentMethods(); // the plain-message path (an app not declared as an agent); SlackAgentTest streams
        supervisor = new ScriptedSupervisor(scriptFor());
        pendingActions = new InMemoryPendingActions();
        queue = newQueue();
        startProcess(4, "slack-test");
    }

    /**
     * What one RevBot process runs on {@link #queue}: the bot, its workers and its HTTP server, and {@link #requests}
     * pointed at that server. Called again after a simulated restart.
     */
    void startProcess(int workerCount, String name) {
        bot = new SlackBot(
                slackConfig(),
                queue,
                () -> supervisor,
                runEvents::add,
                pendingActions,
                Clock.systemUTC(),
                Duration.ofMillis(50));
        workers = new JobWorkers(
                        queue,
                        Map.of(JobKind.SLACK_EVENT, bot.eventHandler()),
                        JobWorkers.Settings.of(workerCount, Duration.ofMinutes(1))
                                .withPollInterval(Duration.ofMillis(20)),
                        JobObserver.NONE,
                        name)
                .start();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register("/slack", bot.httpService())) // as Components.httpServices() mounts it
                .build()
                .start();
        requests = new SlackRequests(URI.create("http://127.0.0.1:" + server.port()), SIGNING_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        supervisor.open();
        if (server != null) {
            server.stop();
        }
        if (workers != null) {
            workers.stop(Duration.ofSeconds(5));
        }
        if (bot != null) {
            bot.close();
        }
        slack.close();
        afterStop();
    }

    /** Releases what {@link #newQueue()} opened, after the workers stopped. */
    void afterStop() throws Exception {}

    Config.SlackConfig slackConfig() {
        return new Config.SlackConfig(
                Optional.of(Secret.of("xoxb-test-token")),
                Optional.of(Secret.of(SIGNING_SECRET)),
                Optional.empty(),
                slack.apiUrl(),
                List.of(APPROVER),
                Duration.ofMinutes(15));
    }

    private Function<Request, ScriptedSupervisor.Script> scriptFor() {
        return request -> scripts.getOrDefault(
                request.question(),
                ScriptedSupervisor.Script.answering("**Acme** renews on 2027-01-31.\n\nRisk: _low_."));
    }

    // --- verification ---

    @Test
    void aCorrectlySignedUrlVerificationIsAnsweredWithItsChallenge() throws Exception {
        HttpResponse<String> response = requests.event(SlackRequests.fixture("url_verification.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void aWrongSignatureIsRefusedWith401AndQueuesNothing() throws Exception {
        JsonObject envelope = SlackRequests.mention("EvWRONG", "1700000100.000100", null, "hello");
        HttpResponse<String> response = requests.post(
                "/slack/events", envelope.toString(), "application/json", Instant.now(), null, "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        Thread.sleep(200);
        assertThat(queue.depth()).isZero();
        assertThat(supervisor.started()).isEmpty();
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void aTimestampOlderThanFiveMinutesIsRefusedWith401() throws Exception {
        JsonObject envelope = SlackRequests.mention("EvSTALE", "1700000100.000100", null, "hello");
        HttpResponse<String> response = requests.post(
                "/slack/events",
                envelope.toString(),
                "application/json",
                Instant.now().minus(Duration.ofMinutes(6)),
                null,
                SIGNING_SECRET);

        assertThat(response.statusCode()).isEqualTo(401);
        Thread.sleep(200);
        assertThat(supervisor.started()).isEmpty();
    }

    @Test
    void anInteractionWithAWrongSignatureIsRefusedAndExecutesNothing() throws Exception {
        pendingActions.add("act-1", ASKER, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));
        JsonObject payload = SlackRequests.fixture("block_actions.json");
        String body =
                "payload=" + java.net.URLEncoder.encode(payload.toString(), java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> response = requests.post(
                "/slack/interactions", body, "application/x-www-form-urlencoded", Instant.now(), null, "forged");

        assertThat(response.statusCode()).isEqualTo(401);
        Thread.sleep(200);
        assertThat(pendingActions.approveCalls).hasValue(0);
    }

    // --- answering ---

    @Test
    void anAppMentionIsAcknowledgedWithin300MsWhileTheSlowRunContinues() throws Exception {
        supervisor.close(); // the run holds until the test opens the gate
        JsonObject envelope = SlackRequests.mention("EvSLOW", "1700000200.000100", null, "how is Acme?");

        long start = System.nanoTime();
        HttpResponse<String> response = requests.event(envelope);
        Duration ack = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ack).isLessThan(Duration.ofMillis(300));
        Eventually.await(WAIT, () -> supervisor.started().size() == 1, () -> "the run to start");
        Thread.sleep(300);
        assertThat(supervisor.finished()).as("the run is still going").isEmpty();
        assertThat(slack.calls("chat.postMessage"))
                .as("the status message went up as soon as work started")
                .hasSize(1);

        supervisor.open();
        Eventually.await(WAIT, () -> answered("1700000200.000100"), () -> "the answer; calls " + slack.calls());
    }

    @Test
    void narrationUpdatesTheStatusAndTheAnswerReplacesItInTheRightThread() throws Exception {
        scripts.put(
                "how is the Acme renewal looking?",
                ScriptedSupervisor.Script.answering(
                                "## Acme renewal\n\n**Likely to renew**; see [the deal](https://crm.example.com/006A).")
                        .withPause(Duration.ofMillis(150)));

        HttpResponse<String> response = requests.event(SlackRequests.fixture("app_mention.json"));
        assertThat(response.statusCode()).isEqualTo(200);

        Eventually.await(WAIT, () -> answered("1515449522.000016"), () -> "the answer; calls " + slack.calls());
        var status = slack.calls("chat.postMessage").getFirst();
        assertThat(status.param("channel")).isEqualTo(CHANNEL);
        assertThat(status.param("thread_ts")).isEqualTo("1515449522.000016");
        assertThat(status.param("text")).contains("Working on it");
        assertThat(status.authorization()).isEqualTo("Bearer xoxb-test-token");
        String statusTs = "1700000000.000001";

        List<String> updates = slack.calls("chat.update").stream()
                .filter(c -> c.param("ts").equals(statusTs))
                .map(c -> c.param("text"))
                .toList();
        assertThat(updates).anySatisfy(t -> assertThat(t).contains("Deal analysis is querying the warehouse…"));
        assertThat(updates).anySatisfy(t -> assertThat(t).contains("Deal analysis is reading call transcripts…"));
        assertThat(updates.getLast())
                .isEqualTo("*Acme renewal*\n\n*Likely to renew*; see <https://crm.example.com/006A|the deal>.");
        assertThat(slack.calls("chat.update"))
                .allSatisfy(c -> assertThat(c.param("channel")).isEqualTo(CHANNEL));
        assertThat(supervisor.started().getFirst().question()).isEqualTo("how is the Acme renewal looking?");
        assertThat(runEvents).anyMatch(e -> e instanceof io.revbot.orchestrator.RunEvent.RunSucceeded);
    }

    @Test
    void statusUpdatesInOneChannelAreSpacedByTheThrottle() throws Exception {
        scripts.put("fast", ScriptedSupervisor.Script.answering("done").withPause(Duration.ZERO));
        requests.event(SlackRequests.mention("EvFAST", "1700000300.000100", null, "fast"));

        Eventually.await(WAIT, () -> answered("1700000300.000100"), () -> "the answer");
        List<FakeSlackWebApi.Call> calls = slack.calls(c -> c.method().startsWith("chat."));
        for (int i = 1; i < calls.size(); i++) {
            long gap = calls.get(i).atNanos() - calls.get(i - 1).atNanos();
            assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
        }
        assertThat(slack.calls("chat.update").size())
                .as("seven narrated events collapse into fewer updates")
                .isLessThan(7);
    }

    @Test
    void aLongAnswerIsSplitBetweenParagraphsInTheThread() throws Exception {
        String paragraph = "Acme has been expanding steadily across three regions. ".repeat(30);
        String answer = String.join("\n\n", List.of(paragraph, paragraph, paragraph, paragraph, paragraph));
        scripts.put("long", ScriptedSupervisor.Script.answering(answer));

        requests.event(SlackRequests.mention("EvLONG", "1700000400.000100", null, "long"));

        Eventually.await(
                WAIT,
                () -> slack.calls(c -> c.method().equals("chat.postMessage")
                                        && "1700000400.000100".equals(c.param("thread_ts")))
                                .size()
                        >= 3,
                () -> "the continuation messages; calls " + FakeSlackWebApi.methods(slack.calls()));
        List<FakeSlackWebApi.Call> posts = slack.calls("chat.postMessage");
        String last = slack.calls("chat.update").getLast().param("text");
        assertThat(last.length()).isLessThanOrEqualTo(SlackMessageSplitter.DEFAULT_LIMIT);
        assertThat(last).startsWith("Acme has been").endsWith(". ".strip());
        for (var post : posts.subList(1, posts.size())) {
            assertThat(post.param("text").length()).isLessThanOrEqualTo(SlackMessageSplitter.DEFAULT_LIMIT);
            assertThat(post.param("text")).startsWith("Acme has been");
            assertThat(post.param("thread_ts")).isEqualTo("1700000400.000100");
        }
    }

    @Test
    void aFailedRunEndsWithAPoliteMessageInTheThread() throws Exception {
        scripts.put("too slow", ScriptedSupervisor.Script.failing(FailureKind.DEADLINE));

        requests.event(SlackRequests.mention("EvFAIL", "1700000500.000100", null, "too slow"));

        Eventually.await(
                WAIT,
                () -> slack.calls("chat.update").stream()
                        .anyMatch(c -> c.param("text").contains("ran out of time")),
                () -> "the failure message; calls " + slack.calls());
        assertThat(slack.calls("chat.update").getLast().param("text"))
                .startsWith(":warning: Sorry")
                .contains("reference `");
    }

    @Test
    void aRetriedEventIsAnsweredOnce() throws Exception {
        supervisor.close();
        JsonObject envelope = SlackRequests.mention("EvRETRY", "1700000600.000100", null, "once please");

        assertThat(requests.event(envelope).statusCode()).isEqualTo(200);
        assertThat(requests.retriedEvent(envelope, 1).statusCode()).isEqualTo(200);
        assertThat(requests.retriedEvent(envelope, 2).statusCode()).isEqualTo(200);
        supervisor.open();

        Eventually.await(WAIT, () -> answered("1700000600.000100"), () -> "the answer");
        Thread.sleep(500);
        assertThat(supervisor.started()).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void aMentionInsideAThreadContinuesItsSessionAndQuestionsAreAnsweredInOrder() throws Exception {
        scripts.put("first", ScriptedSupervisor.Script.answering("one").withPause(Duration.ofMillis(60)));
        scripts.put("second", ScriptedSupervisor.Script.answering("two").withPause(Duration.ofMillis(10)));

        requests.event(SlackRequests.mention("EvT1", "1700000700.000100", null, "first"));
        requests.event(SlackRequests.mention("EvT2", "1700000705.000200", "1700000700.000100", "second"));

        Eventually.await(WAIT, () -> supervisor.finished().size() == 2, () -> "both runs");
        var runs = supervisor.finished();
        assertThat(runs.get(0).request().question()).isEqualTo("first");
        assertThat(runs.get(1).request().question()).isEqualTo("second");
        assertThat(runs.get(1).startedNanos()).isGreaterThan(runs.get(0).endedNanos());
        assertThat(runs)
                .allSatisfy(r -> assertThat(r.request().session().value())
                        .isEqualTo("slack:T123ABC456:C123ABC456:1700000700.000100"));
        assertThat(slack.calls("chat.postMessage"))
                .allSatisfy(c -> assertThat(c.param("thread_ts")).isEqualTo("1700000700.000100"));
    }

    @Test
    void aDirectMessageIsAnsweredAndBotMessagesAndEditsAreIgnored() throws Exception {
        assertThat(requests.event(SlackRequests.fixture("bot_message_im.json")).statusCode())
                .isEqualTo(200);
        assertThat(requests.event(SlackRequests.fixture("message_changed.json")).statusCode())
                .isEqualTo(200);
        assertThat(requests.event(SlackRequests.fixture("message_im.json")).statusCode())
                .isEqualTo(200);

        Eventually.await(WAIT, () -> answered("1355517523.000005"), () -> "the DM answer");
        Thread.sleep(300);
        assertThat(supervisor.started()).singleElement().satisfies(r -> {
            assertThat(r.question()).isEqualTo("Which deals slipped last quarter?");
            assertThat(r.requester()).isEqualTo("slack:T123ABC456:U2147483697");
        });
        assertThat(slack.calls("chat.postMessage").getFirst().param("channel")).isEqualTo("D024BE91L");
    }

    // --- approvals ---

    @Test
    void aProposedActionShowsApproveAndRejectButtonsSayingWhatWillChange() throws Exception {
        pendingActions.add("act-1", ASKER, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));
        scripts.put(
                "move the Acme stage",
                ScriptedSupervisor.Script.answering("Proposed.").proposing("act-1"));

        requests.event(SlackRequests.mention("EvACT", "1700000800.000100", null, "move the Acme stage"));

        Eventually.await(WAIT, () -> approvalMessage().isPresent(), () -> "the approval message");
        var approval = approvalMessage().orElseThrow();
        assertThat(approval.param("thread_ts")).isEqualTo("1700000800.000100");
        assertThat(approval.param("text"))
                .contains("Set Stage of Acme - Renewal (006A000001) from Propose to Negotiate");
        JsonObject actions = null;
        for (var block :
                com.google.gson.JsonParser.parseString(approval.param("blocks")).getAsJsonArray()) {
            if (block.getAsJsonObject().get("type").getAsString().equals("actions")) {
                actions = block.getAsJsonObject();
            }
        }
        assertThat(actions).as("an actions block").isNotNull();
        var buttons = actions.getAsJsonArray("elements");
        assertThat(buttons.get(0).getAsJsonObject().get("action_id").getAsString())
                .isEqualTo("revbot_approve");
        assertThat(buttons.get(0).getAsJsonObject().get("value").getAsString()).isEqualTo("act-1");
        assertThat(buttons.get(1).getAsJsonObject().get("action_id").getAsString())
                .isEqualTo("revbot_reject");
        assertThat(pendingActions.get("act-1").status()).isEqualTo(PendingAction.Status.PENDING);
    }

    @Test
    void anApprovalClickedTwiceExecutesOnceAndTheMessageShowsTheOutcome() throws Exception {
        pendingActions.add("act-1", ASKER, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));
        JsonObject click = SlackRequests.fixture("block_actions.json");

        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2; i++) {
                responses.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> r = requests.interaction(click);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
                    return r;
                }));
            }
        }
        for (var r : responses) {
            assertThat(r.get().statusCode()).isEqualTo(200);
        }
        Eventually.await(WAIT, () -> slack.calls("chat.update").size() == 2, () -> "both outcome updates");
        assertThat(pendingActions.executions).hasValue(1);
        assertThat(pendingActions.get("act-1").status()).isEqualTo(PendingAction.Status.EXECUTED);
        assertThat(slack.calls("chat.update")).allSatisfy(c -> {
            assertThat(c.param("ts")).isEqualTo("1700000000.000002");
            assertThat(c.param("text")).contains("Approved by <@U061F7AUR> and done");
        });
    }

    @Test
    void aClickFromAStrangerIsRefusedWithAnEphemeralMessage() throws Exception {
        pendingActions.add("act-1", ASKER, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));
        JsonObject click = SlackRequests.fixture("block_actions.json");
        click.getAsJsonObject("user").addProperty("id", "U0STRANGER");

        assertThat(requests.interaction(click).statusCode()).isEqualTo(200);

        Eventually.await(WAIT, () -> !slack.calls("chat.postEphemeral").isEmpty(), () -> "the refusal");
        var refusal = slack.calls("chat.postEphemeral").getFirst();
        assertThat(refusal.param("user")).isEqualTo("U0STRANGER");
        assertThat(refusal.param("channel")).isEqualTo(CHANNEL);
        assertThat(refusal.param("text")).contains("Only <@U061F7AUR> or a RevBot approver");
        assertThat(pendingActions.approveCalls).hasValue(0);
        assertThat(pendingActions.get("act-1").status()).isEqualTo(PendingAction.Status.PENDING);
        assertThat(slack.calls("chat.update")).isEmpty();
    }

    @Test
    void aConfiguredApproverMayRejectAndNothingExecutes() throws Exception {
        pendingActions.add("act-1", ASKER, Instant.now(), Instant.now().plus(Duration.ofMinutes(15)));
        JsonObject click = SlackRequests.fixture("block_actions.json");
        click.getAsJsonObject("user").addProperty("id", APPROVER);
        click.getAsJsonArray("actions").get(0).getAsJsonObject().addProperty("action_id", "revbot_reject");

        assertThat(requests.interaction(click).statusCode()).isEqualTo(200);

        Eventually.await(WAIT, () -> !slack.calls("chat.update").isEmpty(), () -> "the outcome");
        assertThat(slack.calls("chat.update").getFirst().param("text")).contains("Rejected by <@U0APPROVER>");
        assertThat(pendingActions.executions).hasValue(0);
        assertThat(pendingActions.get("act-1").status()).isEqualTo(PendingAction.Status.REJECTED);
    }

    @Test
    void aClickAfterTheApprovalLifetimeChangesNothing() throws Exception {
        Instant created = Instant.now().minus(Duration.ofMinutes(16));
        pendingActions.add("act-1", ASKER, created, Instant.now().plus(Duration.ofHours(1)));

        assertThat(requests.interaction(SlackRequests.fixture("block_actions.json"))
                        .statusCode())
                .isEqualTo(200);

        Eventually.await(WAIT, () -> !slack.calls("chat.update").isEmpty(), () -> "the outcome");
        assertThat(slack.calls("chat.update").getFirst().param("text")).contains("expired");
        assertThat(pendingActions.approveCalls).hasValue(0);
    }

    private Optional<FakeSlackWebApi.Call> approvalMessage() {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("blocks") != null && c.param("blocks").contains("revbot_approve"))
                .findFirst();
    }

    /** The status message in thread {@code threadTs} has been replaced by a final message. */
    private boolean answered(String threadTs) {
        var status = slack.calls("chat.postMessage").stream()
                .filter(c -> threadTs.equals(c.param("thread_ts")))
                .findFirst();
        if (status.isEmpty()) {
            return false;
        }
        int index = slack.calls("chat.postMessage").indexOf(status.get());
        String ts = "1700000000." + String.format("%06d", index + 1);
        return slack.calls("chat.update").stream()
                .anyMatch(c -> c.param("ts").equals(ts)
                        && !c.param("text").startsWith(":")
                        && !c.param("text").contains("…"));
    }
}
