package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.helidon.webserver.WebServer;
import io.revbot.server.config.AccessConfig;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.tools.Secret;
import io.revbot.tools.actions.PendingAction;
import io.revbot.tools.actions.Provenance;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who Slack may bring to RevBot: only events for the installed workspace and app, only people of the installation's
 * organisation (unless external users are allowed), only the people an access list names (when there is one). A
 * refused question reaches no model; a refused person gets a polite answer. Also the approval card: the whole payload,
 * what the run read, the outside-content label, and nothing in it that Slack would act on.
 */
class SlackBoundariesTest {
    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String ASKER = "U061F7AUR";
    static final Duration WAIT = Duration.ofSeconds(20);

    FakeSlackWebApi slack;
    ScriptedSupervisor supervisor =
            new ScriptedSupervisor(request -> ScriptedSupervisor.Script.answering("**Acme** renews."));
    final InMemoryPendingActions pendingActions = new InMemoryPendingActions();
    final InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC());
    SlackBot bot;
    JobWorkers workers;
    WebServer server;
    SlackRequests requests;

    SlackBoundariesTest() throws Exception {
        slack = new FakeSlackWebApi();
        slack.refuseAgentMethods(); // the plain-message path (an app not declared as an agent); SlackAgentTest streams
    }

    /** RevBot with this Slack access configuration, as {@code serve} builds it. */
    void start(AccessConfig.SlackAccess access) {
        bot = new SlackBot(
                new Config.SlackConfig(
                        Optional.of(Secret.of("xoxb-test-token")),
                        Optional.of(Secret.of(SIGNING_SECRET)),
                        Optional.empty(),
                        slack.apiUrl(),
                        List.of(),
                        Duration.ofMinutes(15)),
                access,
                queue,
                () -> supervisor,
                event -> {},
                pendingActions,
                Clock.systemUTC(),
                Duration.ofMillis(10));
        workers = new JobWorkers(
                        queue,
                        Map.of(JobKind.SLACK_EVENT, bot.eventHandler()),
                        JobWorkers.Settings.of(2, Duration.ofMinutes(1)).withPollInterval(Duration.ofMillis(20)),
                        JobObserver.NONE,
                        "boundaries")
                .start();
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.register("/slack", bot.httpService()))
                .build()
                .start();
        requests = new SlackRequests(URI.create("http://127.0.0.1:" + server.port()), SIGNING_SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        stopProcess();
        slack.close();
    }

    /** Stops the bot, its workers and its server (the queue and the fake Slack stay). */
    void stopProcess() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (workers != null) {
            workers.stop(Duration.ofSeconds(5));
            workers = null;
        }
        if (bot != null) {
            bot.close();
            bot = null;
        }
    }

    private static AccessConfig.SlackAccess access(
            boolean allowExternal, List<String> users, List<String> groups, List<String> channels) {
        return new AccessConfig.SlackAccess(List.of(), Optional.empty(), allowExternal, users, groups, channels);
    }

    /** Sends {@code envelope} and waits until the queue is idle; returns the acknowledgement's status. */
    private int deliver(JsonObject envelope) throws Exception {
        int status = requests.event(envelope).statusCode();
        Eventually.await(WAIT, () -> queue.stats().waiting() + queue.stats().running() == 0, () -> "an idle queue");
        return status;
    }

    // --- the installation ---

    @Test
    void aSignedEventForAnotherWorkspaceReachesNoModel() throws Exception {
        start(AccessConfig.SlackAccess.DEFAULTS);
        JsonObject envelope = SlackRequests.mention("EvOTHER1", "1700001000.000100", null, "review Vertex");
        envelope.addProperty("team_id", "T0OTHERCO1");
        envelope.getAsJsonArray("authorizations").get(0).getAsJsonObject().addProperty("team_id", "T0OTHERCO1");

        assertThat(deliver(envelope)).isEqualTo(200);
        Thread.sleep(200);

        assertThat(supervisor.started()).isEmpty();
        assertThat(queue.stats().waiting()).isZero();
        assertThat(slack.calls(c -> c.method().startsWith("chat."))).isEmpty();
        assertThat(FakeSlackWebApi.methods(slack.calls())).containsExactly("auth.test", "bots.info");
    }

    @Test
    void aSignedEventForAnotherAppReachesNoModel() throws Exception {
        start(AccessConfig.SlackAccess.DEFAULTS);
        JsonObject envelope = SlackRequests.mention("EvOTHERAPP", "1700001010.000100", null, "review Vertex");
        envelope.addProperty("api_app_id", "A0SOMEONEELSE");

        assertThat(deliver(envelope)).isEqualTo(200);
        Thread.sleep(200);

        assertThat(supervisor.started()).isEmpty();
        assertThat(slack.calls(c -> c.method().startsWith("chat."))).isEmpty();
    }

    @Test
    void theInstallationIsLearnedOnceFromTheBotTokenAndItsOwnEventsAreAnswered() throws Exception {
        start(AccessConfig.SlackAccess.DEFAULTS);
        deliver(SlackRequests.mention("EvOWN1", "1700001020.000100", null, "one"));
        deliver(SlackRequests.mention("EvOWN2", "1700001030.000100", null, "two"));
        Eventually.await(WAIT, () -> supervisor.finished().size() == 2, () -> "both answers");

        assertThat(slack.calls("auth.test")).hasSize(1);
        assertThat(slack.calls("bots.info").getFirst().param("bot")).isEqualTo("B0REVBOT01");
        assertThat(supervisor.started())
                .allSatisfy(r -> assertThat(r.requester()).isEqualTo("slack:T123ABC456:" + ASKER));
    }

    @Test
    void aConfiguredInstallationIsNotAskedForAndOtherTeamsStayOut() throws Exception {
        start(new AccessConfig.SlackAccess(
                List.of("T0CONFIGRD"), Optional.of("A123ABC456"), false, List.of(), List.of(), List.of()));
        assertThat(deliver(SlackRequests.mention("EvCONF", "1700001040.000100", null, "review")))
                .isEqualTo(200);
        Thread.sleep(200);

        assertThat(supervisor.started())
                .as("T123ABC456 is not the configured team")
                .isEmpty();
        assertThat(slack.calls("auth.test")).isEmpty();
    }

    // --- people ---

    @Test
    void aSlackConnectUserOfAnotherOrganisationGetsAPoliteRefusalAndNoModel() throws Exception {
        start(AccessConfig.SlackAccess.DEFAULTS);
        JsonObject envelope =
                SlackRequests.mention("EvEXT", "1700001100.000100", null, "give me the Vertex deal review");
        envelope.getAsJsonObject("event").addProperty("user_team", "T0VENDORCO");
        envelope.addProperty("is_ext_shared_channel", true);

        deliver(envelope);

        assertThat(supervisor.started()).isEmpty();
        var refusal = slack.calls("chat.postMessage").getFirst();
        assertThat(refusal.param("thread_ts")).isEqualTo("1700001100.000100");
        assertThat(refusal.param("text")).contains("only answer people of the organisation");
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void externalUsersAreAnsweredWhenTheOperatorAllowsThem() throws Exception {
        start(access(true, List.of(), List.of(), List.of()));
        JsonObject envelope = SlackRequests.mention("EvEXTOK", "1700001110.000100", null, "hello");
        envelope.getAsJsonObject("event").addProperty("user_team", "T0VENDORCO");

        deliver(envelope);
        Eventually.await(WAIT, () -> supervisor.finished().size() == 1, () -> "the answer");

        assertThat(supervisor.started().getFirst().requester()).isEqualTo("slack:T0VENDORCO:" + ASKER);
        assertThat(supervisor.started().getFirst().session().value())
                .as("the thread stays the installation's conversation")
                .isEqualTo("slack:T123ABC456:C123ABC456:1700001110.000100");
    }

    @Test
    void withAnAccessListOnlyListedUsersGroupsAndChannelsAreAnswered() throws Exception {
        slack.usergroup("S0REVOPS01", List.of("U0SOMEONE1", ASKER));
        slack.usergroup("S0FINANCE1", List.of("U0SOMEONE2"));
        start(access(false, List.of("U0LISTED01"), List.of("S0FINANCE1"), List.of("C0DEALDESK")));

        deliver(SlackRequests.mention("EvLIST1", "1700001200.000100", null, "not listed"));
        assertThat(supervisor.started()).isEmpty();
        assertThat(slack.calls("chat.postMessage").getFirst().param("text")).contains("access list");
        stopProcess();

        // the same person, now through a listed group
        start(access(false, List.of(), List.of("S0REVOPS01"), List.of()));
        deliver(SlackRequests.mention("EvLIST2", "1700001210.000100", null, "through my group"));
        Eventually.await(WAIT, () -> supervisor.finished().size() == 1, () -> "the answer");
        assertThat(slack.calls("usergroups.users.list"))
                .extracting(c -> c.param("usergroup"))
                .containsExactly("S0FINANCE1", "S0REVOPS01");
    }

    // --- the approval card ---

    @Test
    void theCardShowsTheWholePayloadWhatWasReadAndTheOutsideContentLabelWithEverythingEscaped() throws Exception {
        String transcript = ("Buyer: our budget is 480k and legal has the paper. ").repeat(120);
        String body = "{\n  \"note\" : \"<!channel> weekly sync <https://evil.example/?d=1|the docs>\",\n"
                + "  \"transcript\" : \"" + transcript + "THE-LAST-WORDS\"\n}";
        Instant now = Instant.now();
        pendingActions.add(new PendingAction(
                "act-9",
                "webhook",
                "POST a signed webhook to https://hooks.example.com/in with this body (" + body.length()
                        + " characters):\n" + body,
                "slack:T123ABC456:" + ASKER,
                "slack:T123ABC456:C123ABC456:1700001300.000100",
                now,
                now.plus(Duration.ofMinutes(15)),
                PendingAction.Status.PENDING,
                Optional.empty(),
                Optional.empty(),
                new Provenance(List.of("CRM", "call transcripts"), true)));
        supervisor = new ScriptedSupervisor(
                request -> ScriptedSupervisor.Script.answering("Proposed.").proposing("act-9"));
        start(AccessConfig.SlackAccess.DEFAULTS);

        deliver(SlackRequests.mention("EvCARD", "1700001300.000100", null, "send the notes"));
        Eventually.await(WAIT, () -> card().isPresent(), () -> "the approval card");
        FakeSlackWebApi.Call card = card().orElseThrow();

        JsonArray blocks = JsonParser.parseString(card.param("blocks")).getAsJsonArray();
        StringBuilder texts = new StringBuilder();
        StringBuilder payload = new StringBuilder();
        for (JsonElement block : blocks) {
            JsonObject text = block.getAsJsonObject().getAsJsonObject("text");
            if (text == null) {
                texts.append(block).append('\n');
                continue;
            }
            String t = text.get("text").getAsString();
            assertThat(t.length()).as("Slack's limit for a section").isLessThanOrEqualTo(3_000);
            texts.append(t).append('\n');
            if (t.startsWith("```")) {
                payload.append(t);
            }
        }
        String all = texts.toString();
        // The sections, read in order, hold the whole body (long lines are split where they must be).
        assertThat(payload.toString().replaceAll("\\s|```", ""))
                .contains(MrkdwnRenderer.escape(body).replaceAll("\\s", ""));
        assertThat(all).contains("THE-LAST-WORDS").contains("Proposed after reading outside content");
        assertThat(all).contains("Read in this run before proposing: CRM, call transcripts");
        assertThat(all).contains("Requested by <@" + ASKER + ">");
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<https://evil.example");
        assertThat(all).contains("&lt;!channel&gt;");
        assertThat(card.param("text")).doesNotContain("<!channel>").doesNotContain("<https://evil.example");
        assertThat(card.param("text")).contains("&lt;!channel&gt;").contains("THE-LAST-WORDS");
    }

    @Test
    void aClickForAnotherAppChangesNothing() throws Exception {
        start(AccessConfig.SlackAccess.DEFAULTS);
        pendingActions.add(
                "act-1",
                "slack:T123ABC456:" + ASKER,
                Instant.now(),
                Instant.now().plusSeconds(600));
        JsonObject click = SlackRequests.fixture("block_actions.json");
        click.addProperty("api_app_id", "A0SOMEONEELSE");

        assertThat(requests.interaction(click).statusCode()).isEqualTo(200);
        Thread.sleep(300);

        assertThat(pendingActions.approveCalls).hasValue(0);
        assertThat(pendingActions.get("act-1").status()).isEqualTo(PendingAction.Status.PENDING);
    }

    @Test
    void theRequesterRecordedAsAPrincipalMayApproveTheirOwnAction() throws Exception {
        start(AccessConfig.SlackAccess.DEFAULTS);
        pendingActions.add(
                "act-1",
                "slack:T123ABC456:" + ASKER,
                Instant.now(),
                Instant.now().plusSeconds(600));

        assertThat(requests.interaction(SlackRequests.fixture("block_actions.json"))
                        .statusCode())
                .isEqualTo(200);

        Eventually.await(WAIT, () -> pendingActions.executions.get() == 1, () -> "the execution");
        assertThat(pendingActions.get("act-1").status()).isEqualTo(PendingAction.Status.EXECUTED);
    }

    private Optional<FakeSlackWebApi.Call> card() {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("blocks") != null && c.param("blocks").contains("revbot_approve"))
                .findFirst();
    }
}
