package io.revbot.tools.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.revbot.tools.Secret;
import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.crm.Crm;
import io.revbot.tools.crm.WarehouseCrm;
import io.revbot.tools.http.HostAllowList;
import io.revbot.tools.http.OutboundUrlGuard;
import io.revbot.tools.testing.DemoWarehouse;
import io.revbot.tools.testing.Fixtures;
import io.revbot.tools.testing.MockServers;
import io.revbot.tools.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActionToolsTest {
    private static final String SIGNING_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static DemoWarehouse warehouse;
    private static io.revbot.tools.crm.CrmUpdateLog log;

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final MockWebServer server = MockServers.start();
    private final List<String> proposed = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void demo() {
        warehouse = DemoWarehouse.create();
        log = DemoWarehouse.updateLog(dir);
    }

    @AfterAll
    static void closeDemo() {
        warehouse.close();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private final ToolObserver observer = new ToolObserver() {
        @Override
        public void fact(String name, Object value) {}

        @Override
        public void knowledgeReference(String document, String section, double score) {}

        @Override
        public void actionProposed(String actionId, String summary) {
            proposed.add(actionId + " " + summary);
        }

        @Override
        public Optional<String> requester() {
            return Optional.of("slack:T0ACME:U0ALICE");
        }

        @Override
        public String requestContext() {
            return "slack:C0DEALS01:1772359100.000200";
        }
    };

    private WarehouseCrm crm() {
        return new WarehouseCrm(warehouse, log, clock);
    }

    /** Webhooks may go to the MockWebServer's host (the configured target's) and nowhere else. */
    private HostAllowList allowed() {
        return HostAllowList.of(List.of(server.url("/").host()));
    }

    private ActionTools tools(PendingActionStore store, OutboundUrlGuard guard) {
        return tools(store, guard, allowed());
    }

    private ActionTools tools(PendingActionStore store, OutboundUrlGuard guard, HostAllowList hosts) {
        SlackNotifier slack = new SlackWebApiNotifier(
                MockServers.client(), server.url("/api/").uri(), Secret.of("xoxb-bot-token"));
        WebhookSender sender = new WebhookSender(MockServers.client(), guard, hosts, Secret.of(SIGNING_SECRET), clock);
        return new ActionTools(
                store,
                crm(),
                Optional.of(sender),
                Map.of("default", server.url("/hooks/revops").uri()),
                Optional.of(slack),
                Duration.ofMinutes(15),
                clock);
    }

    private InMemoryPendingActions store(OutboundUrlGuard guard) {
        return store(guard, allowed());
    }

    private InMemoryPendingActions store(OutboundUrlGuard guard, HostAllowList hosts) {
        SlackNotifier slack = new SlackWebApiNotifier(
                MockServers.client(), server.url("/api/").uri(), Secret.of("xoxb-bot-token"));
        WebhookSender sender = new WebhookSender(MockServers.client(), guard, hosts, Secret.of(SIGNING_SECRET), clock);
        return new InMemoryPendingActions(new ApprovedActions(crm(), Optional.of(sender), Optional.of(slack)));
    }

    private static String actionId(String toolAnswer) {
        return toolAnswer.substring("Proposed action ".length(), toolAnswer.indexOf(':'));
    }

    @Test
    void aCrmUpdateProposalSaysExactlyWhatChangesAndWritesOnlyWhenApproved() {
        InMemoryPendingActions store = store(new OutboundUrlGuard(true));
        String id = crm().findOpportunities("Vertex Analytics - Platform Migration", 1)
                .get(0)
                .id();
        String oldStep = String.valueOf(crm().getRecord(Crm.RecordType.OPPORTUNITY, id)
                .orElseThrow()
                .fields()
                .get("next_step"));

        String answer = ToolObserver.runWith(
                observer,
                () -> tools(store, new OutboundUrlGuard(true))
                        .proposeCrmUpdate("opportunity", id, "Next_Step", "Run a pricing call"));

        String actionId = actionId(answer);
        PendingAction action = store.find(actionId).orElseThrow();
        assertThat(action.summary())
                .isEqualTo("Set next_step of Opportunity \"Vertex Analytics - Platform Migration\" (" + id + ") from \""
                        + oldStep + "\" to \"Run a pricing call\"");
        assertThat(action.requestedBy()).isEqualTo("slack:T0ACME:U0ALICE");
        assertThat(action.context()).isEqualTo("slack:C0DEALS01:1772359100.000200");
        assertThat(action.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(proposed).containsExactly(actionId + " " + action.summary());
        assertThat(answer).contains("Nothing has changed yet");
        assertThat(crmUpdates(id)).isZero();

        PendingAction approved =
                store.approve(actionId, "U0BOB", clock.instant().plusSeconds(30));
        store.approve(actionId, "U0BOB", clock.instant().plusSeconds(31));

        assertThat(approved.status()).isEqualTo(PendingAction.Status.EXECUTED);
        assertThat(crmUpdates(id)).isEqualTo(1);
    }

    @Test
    void aCrmUpdateOfAFieldTheRecordDoesNotHaveIsRefused() {
        InMemoryPendingActions store = store(new OutboundUrlGuard(true));
        String id = crm().findOpportunities("Vertex Analytics - Platform Migration", 1)
                .get(0)
                .id();
        assertThatThrownBy(() -> tools(store, new OutboundUrlGuard(true))
                        .proposeCrmUpdate("opportunity", id, "forecast_category", "Commit"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("has no field 'forecast_category'");
    }

    @Test
    void aWebhookToAPrivateAddressIsRefusedAtProposal() {
        OutboundUrlGuard strict = new OutboundUrlGuard(false, host -> List.of(InetAddress.getByName("10.0.0.7")));
        HostAllowList hosts = HostAllowList.of(List.of("hooks.internal.example", "169.254.169.254"));
        InMemoryPendingActions store = store(strict, hosts);
        assertThatThrownBy(() ->
                        tools(store, strict, hosts).proposeWebhook("https://hooks.internal.example/x", "{\"a\":1}"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("refused webhook URL")
                .hasMessageContaining("10.0.0.7");
        assertThatThrownBy(() ->
                        tools(store, strict, hosts).proposeWebhook("http://169.254.169.254/latest/meta-data", "{}"))
                .isInstanceOf(ToolException.class);
    }

    @Test
    void aWebhookToAHostThatIsNotAllowedIsRefusedEvenWhenItIsPublic() {
        OutboundUrlGuard strict = new OutboundUrlGuard(false, host -> List.of(InetAddress.getByName("203.0.113.9")));
        InMemoryPendingActions store = store(strict);
        assertThatThrownBy(() -> ToolObserver.runWith(
                        observer,
                        () -> tools(store, strict).proposeWebhook("https://collector.attacker.example/in", "{}")))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("collector.attacker.example is not an allowed webhook host")
                .hasMessageContaining("REVBOT_ACTION_WEBHOOK_HOSTS");
        assertThat(proposed).isEmpty();
    }

    @Test
    void theApprovedWebhookIsCheckedAgainAgainstTheAllowedHostsWhenItIsSent() {
        OutboundUrlGuard devGuard = new OutboundUrlGuard(true);
        // Allowed when proposed, no longer allowed when approved (the operator removed the host).
        InMemoryPendingActions store = store(devGuard, HostAllowList.none());
        String answer = ToolObserver.runWith(
                observer, () -> tools(store, devGuard).proposeWebhook("default", "{\"deal\": \"Vertex\"}"));

        PendingAction done =
                store.approve(actionId(answer), "U0BOB", clock.instant().plusSeconds(10));

        assertThat(done.status()).isEqualTo(PendingAction.Status.FAILED);
        assertThat(done.outcome()).get().asString().contains("is not an allowed webhook host");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aProposalAfterReadingATranscriptCarriesTheWholeBodyAndSaysWhatWasRead() {
        OutboundUrlGuard devGuard = new OutboundUrlGuard(true);
        InMemoryPendingActions store = store(devGuard);
        String transcript =
                "{\"speaker\":\"Buyer\",\"text\":\"" + "budget is 480k, legal review pending. ".repeat(60) + "\"}";
        ToolObserver afterReading = new DelegatingObserver(observer) {
            @Override
            public List<PriorResult> priorResults() {
                return List.of(
                        new PriorResult("find_opportunities", "[{\"name\":\"Vertex\"}]"),
                        new PriorResult("get_call_transcript", transcript),
                        new PriorResult("ask_deal_analysis", "summary"));
            }
        };
        String body = "{\"note\": \"weekly sync\", \"transcript\": " + transcript + "}";

        String answer =
                ToolObserver.runWith(afterReading, () -> tools(store, devGuard).proposeWebhook("default", body));

        PendingAction action = store.find(actionId(answer)).orElseThrow();
        assertThat(action.provenance().outsideContent()).isTrue();
        assertThat(action.provenance().sources()).containsExactly("CRM", "call transcripts");
        assertThat(body.length()).isGreaterThan(2_258);
        // the approver sees all of it, the end of the transcript included: nothing is cut
        assertThat(action.summary()).contains("\"weekly sync\"").startsWith("POST a signed webhook to ");
        assertThat(action.summary().split("legal review pending", -1)).hasSize(61);
        assertThat(answer).doesNotContain("legal review pending");
    }

    @Test
    void aBodyTooLargeToShowTheApproverWhollyIsRefused() {
        OutboundUrlGuard devGuard = new OutboundUrlGuard(true);
        String big = "{\"x\": \"" + "a".repeat(ActionTools.MAX_WEBHOOK_BODY) + "\"}";
        assertThatThrownBy(() -> tools(store(devGuard), devGuard).proposeWebhook("default", big))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("the approver must be able to read all of it");
    }

    @Test
    void aProposalThatReadOnlyOwnDataIsNotLabelledOutsideContent() {
        assertThat(Provenance.of(List.of(
                        new ToolObserver.PriorResult("knowledge_search", "rules"),
                        new ToolObserver.PriorResult("pipeline_forecast", "{}"))))
                .isEqualTo(new Provenance(List.of("knowledge base", "analytics"), false));
        assertThat(Provenance.of(List.of(new ToolObserver.PriorResult("some_new_tool", "x")))
                        .outsideContent())
                .as("an unknown tool counts as outside content")
                .isTrue();
        assertThat(Provenance.parse("", null)).isEqualTo(Provenance.UNKNOWN);
        assertThat(Provenance.UNKNOWN.outsideContent()).isTrue();
    }

    /** An observer that forwards everything to another, for tests that change one answer. */
    private static class DelegatingObserver implements ToolObserver {
        private final ToolObserver delegate;

        DelegatingObserver(ToolObserver delegate) {
            this.delegate = delegate;
        }

        @Override
        public void fact(String name, Object value) {
            delegate.fact(name, value);
        }

        @Override
        public void knowledgeReference(String document, String section, double score) {
            delegate.knowledgeReference(document, section, score);
        }

        @Override
        public void actionProposed(String actionId, String summary) {
            delegate.actionProposed(actionId, summary);
        }

        @Override
        public Optional<String> requester() {
            return delegate.requester();
        }

        @Override
        public String requestContext() {
            return delegate.requestContext();
        }
    }

    @Test
    void anApprovedNamedWebhookIsPostedWithAValidStandardWebhooksSignature() throws Exception {
        OutboundUrlGuard devGuard = new OutboundUrlGuard(true); // MockWebServer is on loopback
        InMemoryPendingActions store = store(devGuard);
        server.enqueue(MockServers.json("{\"received\":true}"));

        String answer = ToolObserver.runWith(
                observer,
                () -> tools(store, devGuard).proposeWebhook("default", "{\"deal\": \"Vertex\", \"risk\": \"high\"}"));
        assertThat(server.getRequestCount()).as("nothing sent before approval").isZero();
        PendingAction done =
                store.approve(actionId(answer), "U0BOB", clock.instant().plusSeconds(10));

        assertThat(done.status()).isEqualTo(PendingAction.Status.EXECUTED);
        RecordedRequest request = MockServers.take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/hooks/revops");
        String body = request.getBody().utf8();
        assertThat(json.readTree(body)).isEqualTo(json.readTree("{\"deal\":\"Vertex\",\"risk\":\"high\"}"));
        assertThat(request.getHeaders().get("webhook-timestamp"))
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(request.getHeaders().get("webhook-signature")).startsWith("v1,");
        Webhook verifier = new Webhook(SIGNING_SECRET);
        // verify checks the timestamp against the real clock: re-sign with the recorded headers to compare
        String expected = verifier.sign(
                request.getHeaders().get("webhook-id"),
                Long.parseLong(request.getHeaders().get("webhook-timestamp")),
                body);
        assertThat(request.getHeaders().get("webhook-signature")).isEqualTo(expected);
    }

    @Test
    void anApprovedSlackNotificationIsPostedWithTheBotTokenAndSlackErrorsFailTheAction() throws Exception {
        OutboundUrlGuard devGuard = new OutboundUrlGuard(true);
        InMemoryPendingActions store = store(devGuard);
        server.enqueue(MockServers.json(Fixtures.read("slack/post-message-ok.json")));
        server.enqueue(MockServers.json(Fixtures.read("slack/post-message-not-in-channel.json")));
        ActionTools tools = tools(store, devGuard);

        String first = ToolObserver.runWith(
                observer, () -> tools.proposeSlackNotification("#deal-desk", "Vertex Analytics slipped to Q3"));
        PendingAction posted =
                store.approve(actionId(first), "U0BOB", clock.instant().plusSeconds(5));

        RecordedRequest request = MockServers.take(server);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/chat.postMessage");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer xoxb-bot-token");
        JsonNode body = json.readTree(request.getBody().utf8());
        assertThat(body.path("channel").asText()).isEqualTo("#deal-desk");
        assertThat(body.path("text").asText()).isEqualTo("Vertex Analytics slipped to Q3");
        assertThat(posted.status()).isEqualTo(PendingAction.Status.EXECUTED);
        assertThat(posted.outcome()).contains("posted to #deal-desk (ts 1772359200.000100)");

        String second = ToolObserver.runWith(observer, () -> tools.proposeSlackNotification("C0PRIVATE1", "hello"));
        PendingAction failed =
                store.approve(actionId(second), "U0BOB", clock.instant().plusSeconds(6));
        assertThat(failed.status()).isEqualTo(PendingAction.Status.FAILED);
        assertThat(failed.outcome()).contains("failed: Slack: chat.postMessage failed: not_in_channel");
    }

    @Test
    void slackAuthTestIsTheDoctorCheck() {
        server.enqueue(MockServers.json(Fixtures.read("slack/auth-test-ok.json")));
        server.enqueue(MockServers.json("{\"ok\":false,\"error\":\"invalid_auth\"}"));
        SlackWebApiNotifier slack =
                new SlackWebApiNotifier(MockServers.client(), server.url("/api").uri(), Secret.of("xoxb-t"));
        assertThat(slack.check()).isEqualTo("Acme / revbot");
        assertThat(MockServers.take(server).getUrl().encodedPath()).isEqualTo("/api/auth.test");
        assertThatThrownBy(slack::check)
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Slack: auth.test failed: invalid_auth");
    }

    @Test
    void slackChannelsAndMessagesAreValidatedBeforeProposing() {
        OutboundUrlGuard devGuard = new OutboundUrlGuard(true);
        ActionTools tools = tools(store(devGuard), devGuard);
        assertThatThrownBy(() -> tools.proposeSlackNotification("deal desk", "x"))
                .isInstanceOf(ToolException.class);
        assertThatThrownBy(() -> tools.proposeSlackNotification("#deals", " ")).isInstanceOf(ToolException.class);
        assertThatThrownBy(() -> tools.proposeWebhook("default", "[1,2]")).isInstanceOf(ToolException.class);
        assertThatThrownBy(() -> tools.proposeWebhook("nowhere", "{}"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("neither a configured webhook");
    }

    private long crmUpdates(String id) {
        return log.forRecord("opportunity", id).size();
    }
}
