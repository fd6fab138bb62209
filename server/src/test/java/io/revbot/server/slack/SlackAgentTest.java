package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.helidon.webserver.WebServer;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.DirectoryExporter;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import io.revbot.orchestrator.recording.PriceTable;
import io.revbot.orchestrator.recording.Redactor;
import io.revbot.orchestrator.recording.RunRecorder;
import io.revbot.server.cli.RevbotCommand;
import io.revbot.server.config.AccessConfig;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.tools.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RevBot as a Slack agent, end to end: Helidon serving the production services, the in-memory queue and its
 * workers, a fake Slack Web API that accepts the agent methods (or refuses them), a scripted supervisor whose
 * writer streams the answer, the run recorder exporting to a folder, and the CLI reading it back.
 */
class SlackAgentTest {
    static final String SECRET = SlackBotContract.SIGNING_SECRET;
    static final String THREAD = "1515449522.000016";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path exports;

    FakeSlackWebApi slack;
    ScriptedSupervisor supervisor;
    InMemoryPendingActions pendingActions;
    SlackBot bot;
    JobWorkers workers;
    WebServer server;
    SlackRequests requests;
    RunRecorder recorder;
    final Map<String, ScriptedSupervisor.Script> scripts = new ConcurrentHashMap<>();
    final List<RunEvent> runEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackWebApi();
        supervisor = new ScriptedSupervisor(r -> scripts.getOrDefault(
                r.question(), ScriptedSupervisor.Script.answering("**Acme** renews on 2027-01-31.")));
        pendingActions = new InMemoryPendingActions();
        recorder = new RunRecorder(
                PriceTable.builtIn(),
                new Redactor(List.of(), List.of()),
                List.of(new DirectoryExporter(exports)),
                Clock.systemUTC());
        InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC());
        bot = new SlackBot(
                new Config.SlackConfig(
                        Optional.of(Secret.of("xoxb-test-token")),
                        Optional.of(Secret.of(SECRET)),
                        Optional.empty(),
                        slack.apiUrl(),
                        List.of(SlackBotContract.APPROVER),
                        Duration.ofMinutes(15)),
                AccessConfig.SlackAccess.DEFAULTS,
                queue,
                () -> supervisor,
                RunListener.all(List.of(runEvents::add, recorder)),
                pendingActions,
                new FileFeedbackStore(exports),
                Clock.systemUTC(),
                Duration.ofMillis(50),
                SlackBot.DEFAULT_STREAM_INTERVAL);
        workers = new JobWorkers(
                        queue,
                        Map.of(JobKind.SLACK_EVENT, bot.eventHandler()),
                        JobWorkers.Settings.of(2, Duration.ofMinutes(1)).withPollInterval(Duration.ofMillis(20)),
                        JobObserver.NONE,
                        "slack-agent-test")
                .start();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register("/slack", bot.httpService()))
                .build()
                .start();
        requests = new SlackRequests(URI.create("http://127.0.0.1:" + server.port()), SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        supervisor.open();
        server.stop();
        workers.stop(Duration.ofSeconds(5));
        bot.close();
        recorder.close();
        slack.close();
    }

    @Test
    void aMentionOpensAProcessingSessionAndTheAnswerStreamsWhileTheModelWrites() throws Exception {
        String answer = "## Acme renewal\n\n" + "Acme is likely to renew: usage grew in all three regions. ".repeat(8);
        String note = "\n\n_Not traced to the data: 3._";
        scripts.put(
                "how is the Acme renewal looking?",
                ScriptedSupervisor.Script.answering(answer)
                        .writingFor(Duration.ofSeconds(3))
                        .delivering(answer + note));

        assertThat(requests.event(SlackRequests.fixture("app_mention.json")).statusCode())
                .isEqualTo(200);

        Eventually.await(
                WAIT,
                () -> !slack.calls("chat.stopStream").isEmpty(),
                () -> "the end of the stream; calls " + FakeSlackWebApi.methods(slack.calls()));
        List<FakeSlackWebApi.Call> calls = slack.calls();
        List<String> methods = FakeSlackWebApi.methods(calls);
        FakeSlackWebApi.Call processing =
                slack.calls("agents.sessions.setStatus").getFirst();
        assertThat(processing.param("status")).isEqualTo("processing");
        assertThat(processing.param("channel_id")).isEqualTo(SlackBotContract.CHANNEL);
        assertThat(processing.param("thread_ts")).isEqualTo(THREAD);
        assertThat(processing.param("title")).isEqualTo("how is the Acme renewal looking?");
        assertThat(processing.param("initiator_user_id")).isEqualTo(SlackBotContract.ASKER);
        assertThat(calls)
                .filteredOn(c -> c.method().startsWith("agents.") || c.method().endsWith("Stream"))
                .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer xoxb-test-token"));
        assertThat(methods.indexOf("agents.sessions.setStatus"))
                .as("the session is processing before anything is streamed")
                .isLessThan(methods.indexOf("chat.startStream"));

        FakeSlackWebApi.Call start = slack.calls("chat.startStream").getFirst();
        assertThat(start.param("thread_ts")).isEqualTo(THREAD);
        assertThat(start.param("recipient_user_id")).isEqualTo(SlackBotContract.ASKER);
        assertThat(start.param("recipient_team_id")).isEqualTo("T123ABC456");
        assertThat(slack.calls("chat.appendStream")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(slack.calls("chat.appendStream"))
                .allSatisfy(c -> assertThat(c.param("ts")).isEqualTo("1700000000.000001"));
        assertThat(slack.calls(
                        c -> c.method().equals("chat.postMessage") || c.method().equals("chat.update")))
                .as("no plain messages when streaming")
                .isEmpty();

        FakeSlackWebApi.Call stop = slack.calls("chat.stopStream").getFirst();
        FakeSlackWebApi.Call firstText =
                calls.stream().filter(c -> !text(c).isEmpty()).findFirst().orElseThrow();
        assertThat(Duration.ofNanos(stop.atNanos() - firstText.atNanos()))
                .as("the first words arrive while the model is still writing")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        String streamed = calls.stream()
                .filter(c -> c.method().startsWith("chat.") && c.method().endsWith("Stream"))
                .map(SlackAgentTest::text)
                .reduce("", String::concat);
        assertThat(streamed).as("the delivered answer, grounding note included").startsWith(answer + note);
        assertThat(streamed.substring((answer + note).length()))
                .contains("**Sources**")
                .contains("- Knowledge base: `business_logic/renewals.md` › Renewal risk");

        List<String> tasks = calls.stream()
                .flatMap(c -> chunks(c).stream())
                .filter(chunk -> chunk.get("type").getAsString().equals("task_update"))
                .map(chunk -> chunk.get("title").getAsString() + " ["
                        + chunk.get("status").getAsString() + "]")
                .toList();
        // a step that starts and finishes between two calls goes out once, with its latest status
        assertThat(tasks)
                .contains(
                        "Asking Deal analysis… [in_progress]",
                        "Running SQL on opportunity_d… [complete]",
                        "Reading call transcripts… [in_progress]");

        assertThat(stop.param("session_status")).isEqualTo("active");
        String runId = supervisor.started().getFirst().runId().value();
        assertThat(stop.param("blocks"))
                .contains("\"feedback_buttons\"")
                .contains("\"negative:" + runId + "\"")
                .contains("\"positive:" + runId + "\"");
    }

    @Test
    void anAnswerTheFigureCheckRewroteFollowsTheDraftUnderARevisionLine() throws Exception {
        String draft = "Acme's renewal is worth $120k and closes in January.";
        String repaired = "Acme's renewal is worth $112k and closes in January.";
        scripts.put(
                "how is the Acme renewal looking?",
                ScriptedSupervisor.Script.answering(draft)
                        .writingFor(Duration.ofMillis(600))
                        .delivering(repaired));
        requests.event(SlackRequests.fixture("app_mention.json"));
        Eventually.await(WAIT, () -> !slack.calls("chat.stopStream").isEmpty(), () -> "the answer");

        String streamed = slack.calls(c -> c.method().endsWith("Stream")).stream()
                .map(SlackAgentTest::text)
                .reduce("", String::concat);
        assertThat(streamed).startsWith(draft + SlackStream.REVISED + repaired);
    }

    @Test
    void whenTheStreamCannotStartTheAnswerArrivesAsAPlainMessage() throws Exception {
        slack.refuse("chat.startStream");
        requests.event(SlackRequests.fixture("app_mention.json"));

        Eventually.await(
                WAIT,
                () -> slack.calls("chat.postMessage").stream()
                        .anyMatch(c -> c.param("text").contains("renews on 2027-01-31")),
                () -> "the plain answer; calls " + FakeSlackWebApi.methods(slack.calls()));
        assertThat(slack.calls("chat.postMessage").getFirst().param("thread_ts"))
                .isEqualTo(THREAD);
        Eventually.await(
                WAIT,
                () -> slack.calls("agents.sessions.setStatus").stream()
                        .anyMatch(c -> "active".equals(c.param("status"))),
                () -> "the session active");
        assertThat(slack.calls("chat.stopStream")).isEmpty();
    }

    @Test
    void theSessionTitleIsTheQuestionCutShortBetweenWords() {
        assertThat(SlackEventHandler.title("how is Acme?")).isEqualTo("how is Acme?");
        String title = SlackEventHandler.title(
                "Which of our enterprise renewals in EMEA are most at risk this quarter and why, by owner?\nthanks");
        assertThat(title).isEqualTo("Which of our enterprise renewals in EMEA are most at risk…");
        assertThat(title.length()).isLessThanOrEqualTo(61);
    }

    @Test
    void aWorkspaceThatRefusesTheAgentMethodsGetsPlainMessagesAndIsNotAskedAgain() throws Exception {
        slack.refuseAgentMethods();
        requests.event(SlackRequests.mention("EvP1", "1700000100.000100", null, "first"));
        Eventually.await(WAIT, () -> supervisor.finished().size() == 1, () -> "the first run");
        Eventually.await(
                WAIT,
                () -> slack.calls("chat.update").stream()
                        .anyMatch(c -> c.param("text").contains("renews on 2027-01-31")),
                () -> "the first answer; calls " + slack.calls());
        requests.event(SlackRequests.mention("EvP2", "1700000200.000100", null, "second"));
        Eventually.await(WAIT, () -> supervisor.finished().size() == 2, () -> "the second run");
        Eventually.await(
                WAIT,
                () -> slack.calls("chat.update").stream()
                                .filter(c -> c.param("text").contains("renews on 2027-01-31"))
                                .count()
                        == 2,
                () -> "the second answer; calls " + slack.calls());

        assertThat(slack.calls("agents.sessions.setStatus"))
                .as("refused once, remembered for the workspace")
                .hasSize(1);
        assertThat(slack.calls(c -> c.method().contains("Stream"))).isEmpty();
        assertThat(slack.calls("chat.postMessage"))
                .extracting(c -> c.param("thread_ts"))
                .containsExactly("1700000100.000100", "1700000200.000100");
    }

    @Test
    void aNegativeFeedbackClickShowsInTheConversationList() throws Exception {
        requests.event(SlackRequests.fixture("app_mention.json"));
        Eventually.await(WAIT, () -> !slack.calls("chat.stopStream").isEmpty(), () -> "the answer");
        String runId = supervisor.started().getFirst().runId().value();
        Eventually.await(WAIT, () -> listed("--json").contains(runId), () -> "the export of run " + runId);
        assertThat(listed("--json", "--feedback", "negative")).doesNotContain(runId);

        JsonObject click = SlackRequests.fixture("block_actions_feedback.json");
        JsonObject action = click.getAsJsonArray("actions").get(0).getAsJsonObject();
        action.addProperty("value", "negative:" + runId);
        action.addProperty("block_id", "revbot_feedback_" + runId);
        assertThat(requests.interaction(click).statusCode()).isEqualTo(200);

        Eventually.await(
                WAIT,
                () -> listed("--json", "--feedback", "negative").contains(runId),
                () -> "the feedback in the list");
        JsonNode runs = ConversationJson.MAPPER.readTree(listed("--json", "--feedback", "negative"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).path("runId").asText()).isEqualTo(runId);
        assertThat(runs.get(0).path("feedback").asText()).isEqualTo("negative");
        assertThat(ConversationJson.MAPPER
                        .readTree(cli("conversations", "show", runId, "--json"))
                        .at("/metadata/feedback/value")
                        .asText())
                .isEqualTo("negative");
    }

    @Test
    void aForgedFeedbackClickIsRefusedAndStoresNothing() throws Exception {
        JsonObject click = SlackRequests.fixture("block_actions_feedback.json");
        String body =
                "payload=" + java.net.URLEncoder.encode(click.toString(), java.nio.charset.StandardCharsets.UTF_8);
        var response = requests.post(
                "/slack/interactions", body, "application/x-www-form-urlencoded", Instant.now(), null, "forged");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new FileFeedbackStore(exports).all()).isEmpty();
    }

    @Test
    void stopEndsTheRunWithinASecondPostsNothingMoreAndRecordsItCancelled() throws Exception {
        String answer = "Acme is likely to renew, and here is why. ".repeat(20);
        scripts.put(
                "how is the Acme renewal looking?",
                ScriptedSupervisor.Script.answering(answer).writingFor(Duration.ofSeconds(20)));
        requests.event(SlackRequests.fixture("app_mention.json"));
        Eventually.await(
                WAIT,
                () -> slack.calls(c -> c.method().endsWith("Stream") && !text(c).isEmpty())
                                .size()
                        >= 2,
                () -> "the answer streaming; calls " + FakeSlackWebApi.methods(slack.calls()));

        long stopAt = System.nanoTime();
        assertThat(requests.event(SlackRequests.fixture("agent_session_stopped.json"))
                        .statusCode())
                .isEqualTo(200);
        Eventually.await(Duration.ofSeconds(1), () -> supervisor.finished().size() == 1, () -> "the run to end");
        assertThat(Duration.ofNanos(supervisor.finished().getFirst().endedNanos() - stopAt))
                .isLessThan(Duration.ofSeconds(1));
        Eventually.await(
                WAIT,
                () -> slack.calls("agents.sessions.setStatus").stream()
                        .anyMatch(c -> "active".equals(c.param("status"))),
                () -> "the session back to active");
        Thread.sleep(1500);

        List<FakeSlackWebApi.Call> after =
                slack.calls(c -> c.atNanos() > stopAt && !c.method().equals("agents.sessions.setStatus"));
        assertThat(after).as("nothing posted after Stop").isEmpty();
        assertThat(runEvents)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                RunEvent.RunFailed.class,
                                f -> assertThat(f.kind()).isEqualTo(FailureKind.CANCELLED)));
        String runId = supervisor.started().getFirst().runId().value();
        Eventually.await(
                WAIT,
                () -> listed("--json", "--status", "cancelled").contains(runId),
                () -> "the run recorded cancelled: " + listed("--json"));
    }

    @Test
    void aProposedActionLeavesTheSessionSuspendedUntilSomeoneDecides() throws Exception {
        pendingActions.add(new io.revbot.tools.actions.PendingAction(
                "act-1",
                "crm_update",
                "Set Stage of Acme - Renewal (006A000001) from Propose to Negotiate",
                SlackBotContract.ASKER,
                "slack:T123ABC456:" + SlackBotContract.CHANNEL + ":" + THREAD,
                Instant.now(),
                Instant.now().plus(Duration.ofMinutes(15)),
                io.revbot.tools.actions.PendingAction.Status.PENDING,
                Optional.empty(),
                Optional.empty()));
        scripts.put(
                "move the Acme stage",
                ScriptedSupervisor.Script.answering("I proposed the change; approve it above.")
                        .proposing("act-1"));
        requests.event(SlackRequests.mention("EvACT", THREAD, null, "move the Acme stage"));
        Eventually.await(WAIT, () -> !slack.calls("chat.stopStream").isEmpty(), () -> "the answer");

        assertThat(slack.calls("chat.stopStream").getFirst().param("session_status"))
                .isEqualTo("suspended");
        assertThat(slack.calls("chat.postMessage"))
                .as("the approval card")
                .anySatisfy(c -> assertThat(c.param("blocks")).contains("revbot_approve"));

        assertThat(requests.interaction(SlackRequests.fixture("block_actions.json"))
                        .statusCode())
                .isEqualTo(200);
        Eventually.await(
                WAIT,
                () -> slack.calls("agents.sessions.setStatus").stream()
                        .anyMatch(c -> "active".equals(c.param("status"))),
                () -> "the session active again; calls " + slack.calls());
    }

    @Test
    void openingTheDmOffersAtMostFourSuggestedPromptsWithoutAThread() throws Exception {
        assertThat(requests.event(SlackRequests.fixture("app_home_opened.json")).statusCode())
                .isEqualTo(200);

        Eventually.await(
                WAIT,
                () -> !slack.calls("assistant.threads.setSuggestedPrompts").isEmpty(),
                () -> "the suggested prompts");
        FakeSlackWebApi.Call prompts =
                slack.calls("assistant.threads.setSuggestedPrompts").getFirst();
        assertThat(prompts.param("channel_id")).isEqualTo("D024BE91L");
        assertThat(prompts.param("thread_ts"))
                .as("an agent app's call must omit it")
                .isNull();
        JsonArray list = JsonParser.parseString(prompts.param("prompts")).getAsJsonArray();
        assertThat(list.size()).isBetween(1, 4);
        assertThat(list.get(0).getAsJsonObject().get("message").getAsString()).isNotBlank();
    }

    /** The markdown a stream call carries: its {@code markdown_text}, or its markdown chunks in order. */
    static String text(FakeSlackWebApi.Call call) {
        if (call.param("markdown_text") != null) {
            return call.param("markdown_text");
        }
        StringBuilder out = new StringBuilder();
        for (JsonObject chunk : chunks(call)) {
            if (chunk.get("type").getAsString().equals("markdown_text")) {
                out.append(chunk.get("text").getAsString());
            }
        }
        return out.toString();
    }

    static List<JsonObject> chunks(FakeSlackWebApi.Call call) {
        List<JsonObject> out = new ArrayList<>();
        if (call.param("chunks") != null) {
            for (JsonElement e : JsonParser.parseString(call.param("chunks")).getAsJsonArray()) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    private String listed(String... options) {
        List<String> args = new ArrayList<>(List.of("conversations", "list"));
        args.addAll(List.of(options));
        return cli(args.toArray(String[]::new));
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(
                        Map.of("REVBOT_EXPORT_DIR", exports.toString(), "REVBOT_CONFIG", "/dev/null"),
                        Clock.systemUTC(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }
}
