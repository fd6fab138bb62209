package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.agents.AgentName;
import io.revbot.orchestrator.Channel;
import io.revbot.orchestrator.FailureKind;
import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.Routing;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunEvent.AgentOutcome;
import io.revbot.orchestrator.RunEvent.ToolStatus;
import io.revbot.orchestrator.RunId;
import io.revbot.orchestrator.recording.RecordValidator.Finding;
import io.revbot.tools.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecorderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T15:00:00Z"), ZoneOffset.UTC);

    private final RunRecorder recorder =
            new RunRecorder(PriceTable.builtIn(), Redactor.patternsOnly(), List.of(), CLOCK);
    private final RecordValidator validator = new RecordValidator();

    private PreparedExport prepare(ScriptedRuns run) {
        return recorder.prepare(run.runId(), run.events());
    }

    private static JsonNode json(String text) throws IOException {
        return ConversationJson.MAPPER.readTree(text);
    }

    @Test
    void aDirectAnswerIsRecordedWithItsRoutingKnowledgeAndTokensAndPassesEveryRule() throws IOException {
        PreparedExport export = prepare(ScriptedRuns.directAnswer("run-direct", ScriptedRuns.T0));

        assertThat(export.findings()).isEmpty();
        JsonNode c = json(export.conversationJson());
        assertThat(validator.validateJson(c)).isEmpty();
        assertThat(c.at("/export_metadata/format").asText()).isEqualTo("revbot.conversation");
        assertThat(c.at("/conversation/metadata/channel").asText()).isEqualTo("slack");
        assertThat(c.at("/conversation/metadata/requester").asText()).isEqualTo("slack:T123:U123");
        assertThat(c.at("/conversation/routing/decision").asText()).isEqualTo("direct");
        assertThat(c.at("/conversation/routing/reason").asText()).contains("knowledge base");
        JsonNode flow = c.at("/conversation/agent_flow");
        assertThat(flow).hasSize(1);
        assertThat(flow.at("/0/agent").asText()).isEqualTo("manager");
        assertThat(flow.at("/0/knowledge_references/0/document").asText())
                .isEqualTo("business_logic/lead_qualification.md");
        assertThat(flow.at("/0/knowledge_references/0/score").asDouble()).isEqualTo(0.83);
        assertThat(flow.at("/0/tool_executions/0/parameters/query").asText()).isEqualTo("lead qualification");
        assertThat(flow.at("/0/model_calls")).hasSize(2);
        assertThat(c.at("/conversation/conversation_summary/tokens/input").asLong())
                .isEqualTo(2600);
        assertThat(c.at("/conversation/conversation_summary/tokens/cache_read").asLong())
                .isEqualTo(200);
        // Sonnet: 3 $/M in, 15 $/M out, 0.30 $/M cache read: 2600*3 + 100*15 + 200*0.3 = 9360 micro-dollars.
        assertThat(c.at("/conversation/conversation_summary/estimated_cost_usd").asDouble())
                .isEqualTo(0.00936);
        assertThat(c.at("/conversation/final_answer/author").asText()).isEqualTo("manager");
        assertThat(export.quality().components())
                .containsEntry("knowledge_references", 1.0)
                .containsEntry("grounding", 1.0)
                .containsEntry("timeline_completeness", 1.0);
        assertThat(export.quality().score()).isEqualTo(1.0);
    }

    @Test
    void aParallelDelegationKeepsEachAgentsOwnToolsAndOrdersTheTimelineOfWhoAskedWhom() throws IOException {
        PreparedExport export = prepare(ScriptedRuns.parallelDelegation("run-parallel", ScriptedRuns.T0));

        assertThat(export.findings()).isEmpty();
        JsonNode c = json(export.conversationJson());
        JsonNode flow = c.at("/conversation/agent_flow");
        assertThat(flow).hasSize(3);
        assertThat(flow.at("/1/agent").asText()).isEqualTo("deal_analysis");
        assertThat(flow.at("/1/requested_by").asText()).isEqualTo("manager");
        assertThat(flow.at("/1/tool_executions/0/tool").asText()).isEqualTo("deal_review");
        assertThat(flow.at("/2/agent").asText()).isEqualTo("data");
        assertThat(flow.at("/2/tool_executions/0/tool").asText()).isEqualTo("run_sql");
        assertThat(flow.at("/2/tool_executions/0/facts/rows").asInt()).isEqualTo(1);
        assertThat(flow.at("/2/tool_executions/0/facts/sql").asText()).startsWith("select sum(amount)");
        assertThat(c.at("/conversation/routing/agents").toString()).isEqualTo("[\"deal_analysis\",\"data\"]");

        List<String> conversationTurns = new ArrayList<>();
        for (JsonNode e : c.at("/conversation/timeline")) {
            String type = e.get("type").asText();
            if (type.equals("delegation") || type.equals("response")) {
                conversationTurns.add(
                        type + " " + e.get("from").asText() + "->" + e.get("to").asText());
            }
        }
        assertThat(conversationTurns)
                .containsExactly(
                        "delegation manager->deal_analysis",
                        "delegation manager->data",
                        "response data->manager",
                        "response deal_analysis->manager");
        assertThat(c.at("/conversation/conversation_summary/agents_used").toString())
                .isEqualTo("[\"deal_analysis\",\"data\"]");
        // Every number in the answer (48,000, 1,250,000) comes from a tool result; "3" has one digit and is ignored.
        assertThat(export.quality().components()).containsEntry("grounding", 1.0);
    }

    @Test
    void aToolErrorIsRecordedWithItsMessageAndLowersTheToolSuccessRate() throws IOException {
        PreparedExport export = prepare(ScriptedRuns.toolError("run-toolerror", ScriptedRuns.T0));

        assertThat(export.findings()).isEmpty();
        JsonNode tools = json(export.conversationJson()).at("/conversation/agent_flow/1/tool_executions");
        assertThat(tools.at("/0/status").asText()).isEqualTo("error");
        assertThat(tools.at("/0/error").asText()).contains("opportunitys does not exist");
        assertThat(tools.at("/1/status").asText()).isEqualTo("ok");
        assertThat(export.quality().components()).containsEntry("tool_success_rate", 0.5);
        assertThat(json(export.conversationJson())
                        .at("/conversation/final_answer/routing")
                        .asText())
                .isEqualTo("pass_through");
        assertThat(json(export.conversationJson())
                        .at("/conversation/final_answer/author")
                        .asText())
                .isEqualTo("data");
        assertThat(export.quality().score()).isLessThan(1.0);
    }

    @Test
    void aTimedOutBranchIsRecordedAsSuchAndTheRunStaysValid() throws IOException {
        PreparedExport export = prepare(ScriptedRuns.timeout("run-timeout", ScriptedRuns.T0));

        assertThat(export.findings()).isEmpty();
        JsonNode flow = json(export.conversationJson()).at("/conversation/agent_flow");
        JsonNode web = flow.get(2);
        assertThat(web.get("agent").asText()).isEqualTo("web_search");
        assertThat(web.get("outcome").asText()).isEqualTo("timed_out");
        assertThat(web.get("error").asText()).contains("delegation deadline");
        assertThat(json(export.conversationJson()).at("/conversation/timeline").toString())
                .contains("TIMED_OUT: no answer within the delegation deadline");
    }

    @Test
    void aRunThatHitItsDeadlineIsRecordedAsFailedWithoutAnAnswer() throws IOException {
        PreparedExport export = prepare(ScriptedRuns.deadline("run-deadline", ScriptedRuns.T0));

        assertThat(export.findings()).isEmpty();
        JsonNode c = json(export.conversationJson());
        assertThat(c.at("/conversation/metadata/status").asText()).isEqualTo("failed");
        assertThat(c.at("/conversation/metadata/failure/kind").asText()).isEqualTo("deadline");
        assertThat(c.at("/conversation/final_answer").isNull()).isTrue();
    }

    @Test
    void aStoppedRunIsRecordedAsCancelledAndItsRecordIsValid() throws IOException {
        AgentName deal = AgentName.DEAL_ANALYSIS;
        ScriptedRuns run = new ScriptedRuns("run-stopped", ScriptedRuns.T0)
                .started("Review the Vertex deal", Channel.SLACK)
                .agentStarted(AgentName.MANAGER, "m1", null, "Review the Vertex deal")
                .agentStarted(deal, "d1", AgentName.MANAGER, "Review Vertex")
                .agentFinished(deal, "d1", AgentOutcome.FAILED, null, "The run was stopped.")
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.FAILED, null, "The run was stopped.")
                .failed(FailureKind.CANCELLED, "The run was stopped.");

        PreparedExport export = prepare(run);

        assertThat(export.findings()).isEmpty();
        JsonNode c = json(export.conversationJson());
        assertThat(c.at("/conversation/metadata/status").asText()).isEqualTo("cancelled");
        assertThat(c.at("/conversation/metadata/failure/kind").asText()).isEqualTo("cancelled");
        assertThat(validator.validateJson((com.fasterxml.jackson.databind.node.ObjectNode) c))
                .isEmpty();
    }

    @Test
    void aFailedOrBoundStoppedRunScoresLowHoweverTidyItsRecord() {
        PreparedExport export = prepare(ScriptedRuns.deadline("run-deadline-score", ScriptedRuns.T0));

        assertThat(export.quality().components())
                .containsEntry("timeline_completeness", 1.0)
                .containsEntry("redaction_clean", 1.0)
                .doesNotContainKey("grounding");
        assertThat(export.quality().score()).isLessThanOrEqualTo(QualityScore.UNANSWERED_FACTOR);
        assertThat(export.quality().score()).isGreaterThan(0.0);
    }

    @Test
    void theExportCarriesTheGroundingOfTheAnswerInBothFilesAndTheQualityUsesIt() throws IOException {
        String answer = "Open pipeline over $50K: 37 deals. Pipeline coverage is 4.7x and the team will book $987,654"
                + " by Friday.";
        ScriptedRuns run = new ScriptedRuns("run-grounded", ScriptedRuns.T0)
                .started("How many open deals over $50K?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "How many open deals over $50K?")
                .toolStarted(AgentName.MANAGER, "m1", "tooluse_1", "run_sql", "{\"sql\":\"select count(*)\"}")
                .toolFinished(
                        AgentName.MANAGER, "m1", "tooluse_1", "run_sql", ToolStatus.OK, "count\n37", null, Map.of())
                .routed(Routing.DIRECT, "answered directly")
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.COMPLETED, answer, null)
                .answer(answer, Routing.DIRECT, AgentName.MANAGER)
                .succeeded(answer, Routing.DIRECT, List.of(), 1);

        PreparedExport export = prepare(run);

        assertThat(export.findings()).isEmpty();
        JsonNode conversation = json(export.conversationJson()).at("/conversation/grounding");
        JsonNode metadata = json(export.metadataJson()).at("/grounding");
        assertThat(metadata).isEqualTo(conversation);
        assertThat(conversation.at("/figures").asInt()).isEqualTo(4);
        assertThat(conversation.at("/traced").asInt()).isEqualTo(2);
        assertThat(conversation.at("/untraced").toString()).isEqualTo("[\"4.7x\",\"$987,654\"]");
        assertThat(conversation.at("/sources").toString())
                .isEqualTo("[{\"figure\":\"$50K\",\"tool\":\"question\",\"call_id\":null},"
                        + "{\"figure\":\"37\",\"tool\":\"run_sql\",\"call_id\":\"tooluse_1\"}]");
        JsonNode untraced = conversation.at("/items/2");
        assertThat(untraced.at("/text").asText()).isEqualTo("4.7x");
        assertThat(untraced.at("/kind").asText()).isEqualTo("multiple");
        assertThat(untraced.at("/traced").asBoolean()).isFalse();
        assertThat(answer.substring(
                        untraced.at("/start").asInt(), untraced.at("/end").asInt()))
                .isEqualTo("4.7x");
        assertThat(export.quality().components()).containsEntry("grounding", 0.5);
        assertThat(json(export.metadataJson())
                        .at("/quality/components/grounding")
                        .asDouble())
                .isEqualTo(0.5);
    }

    @Test
    void qualityGroundingComesFromTheCheckOfWholeResultsNotFromTheEventsPreviews() throws IOException {
        String whole = "Rep: thanks. ".repeat(60) + "Buyer: our budget is $412,500.";
        String preview = whole.substring(0, 500) + "…";
        String answer = "The buyer's budget is $412.5K.";
        ScriptedRuns run = new ScriptedRuns("run-whole", ScriptedRuns.T0)
                .started("Budget?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "Budget?")
                .toolStarted(AgentName.MANAGER, "m1", "t1", "get_call_transcript", "{}")
                .toolFinished(
                        AgentName.MANAGER, "m1", "t1", "get_call_transcript", ToolStatus.OK, preview, null, Map.of())
                .routed(Routing.DIRECT, "answered directly")
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.COMPLETED, answer, null);
        io.revbot.orchestrator.grounding.Grounding checked = new io.revbot.orchestrator.grounding.Grounding(
                io.revbot.orchestrator.grounding.GroundingPolicy.ANNOTATE,
                io.revbot.orchestrator.grounding.GroundingCheck.check(
                        answer,
                        io.revbot.orchestrator.grounding.EvidenceIndex.of(List.of(
                                new io.revbot.orchestrator.grounding.ToolOutput("get_call_transcript", "t1", whole)))),
                false);
        run.raw(new RunEvent.AnswerProduced(
                        run.runId(),
                        ScriptedRuns.T0.plusSeconds(1),
                        answer,
                        Routing.DIRECT,
                        AgentName.MANAGER,
                        checked))
                .succeeded(answer, Routing.DIRECT, List.of(), 1);

        PreparedExport export = prepare(run);

        assertThat(preview).doesNotContain("412");
        assertThat(export.quality().components()).containsEntry("grounding", 1.0);
        assertThat(json(export.conversationJson())
                        .at("/conversation/grounding/sources/0/tool")
                        .asText())
                .isEqualTo("get_call_transcript");
    }

    @Test
    void anAnswerThatWasNotCheckedHasNoGroundingAndItsScoreLeavesTheComponentOut() throws IOException {
        String answer = "Pipeline coverage is 4.7x.";
        ScriptedRuns run = new ScriptedRuns("run-unchecked", ScriptedRuns.T0)
                .started("Coverage?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "Coverage?")
                .routed(Routing.DIRECT, "answered directly")
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.COMPLETED, answer, null)
                .uncheckedAnswer(answer, Routing.DIRECT, AgentName.MANAGER)
                .succeeded(answer, Routing.DIRECT, List.of(), 0);

        PreparedExport export = prepare(run);

        assertThat(export.findings()).isEmpty();
        assertThat(json(export.conversationJson()).at("/conversation/grounding").isNull())
                .isTrue();
        assertThat(json(export.metadataJson()).at("/grounding").isNull()).isTrue();
        assertThat(export.quality().components()).doesNotContainKey("grounding");
        assertThat(export.quality().score()).isEqualTo(1.0);
    }

    @Test
    void aToolThatNeverFinishedAndAnAgentMissingFromTheFlowAreFindings() {
        ScriptedRuns run = new ScriptedRuns("run-broken", ScriptedRuns.T0)
                .started("q?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "q?")
                .toolStarted(AgentName.MANAGER, "m1", "t1", "run_sql", "{}")
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.COMPLETED, "done", null)
                .answer("done", Routing.PASS_THROUGH, AgentName.DATA)
                .succeeded("done", Routing.DIRECT, List.of(), 1);

        PreparedExport export = prepare(run);

        assertThat(export.findings()).extracting(Finding::rule).contains("tool_pairing", "timeline_agents");
        assertThat(export.quality().components().get("timeline_completeness")).isLessThan(1.0);
        assertThat(export.metadataJson()).contains("\"valid\" : false").contains("tool_pairing");
    }

    @Test
    void timestampsOutOfOrderAreFindings() {
        ScriptedRuns run = ScriptedRuns.directAnswer("run-clock", ScriptedRuns.T0);
        List<RunEvent> events = new ArrayList<>(run.events());
        // A tool that claims to have finished before it started.
        events.add(
                3,
                new RunEvent.ToolFinished(
                        new RunEvent.Origin(
                                run.runId(),
                                ScriptedRuns.T0.minusSeconds(5),
                                AgentName.MANAGER,
                                new InvocationId("m1")),
                        "t9",
                        "run_sql",
                        ToolStatus.OK,
                        "1",
                        null,
                        Duration.ZERO,
                        Map.of()));
        events.add(
                3,
                new RunEvent.ToolStarted(
                        new RunEvent.Origin(
                                run.runId(), ScriptedRuns.T0.plusMillis(15), AgentName.MANAGER, new InvocationId("m1")),
                        "t9",
                        "run_sql",
                        "{}"));

        PreparedExport export = recorder.prepare(run.runId(), events);

        assertThat(export.findings()).extracting(Finding::rule).contains("timestamps");
    }

    @Test
    void aDatabasePasswordInAUrlAndAnUnlabelledAwsSecretKeyPlantedInDataNeverReachTheExport() {
        String dbUrl = "postgresql://revops_app:Hunter2-Pa55w0rd@db.internal:5432/revops";
        String awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        AgentName data = AgentName.DATA;
        ScriptedRuns run = new ScriptedRuns("run-planted-data", ScriptedRuns.T0)
                .started("why does the nightly sync fail?", Channel.CLI)
                .agentStarted(AgentName.MANAGER, "m1", null, "why does the nightly sync fail?")
                .agentStarted(data, "x1", AgentName.MANAGER, "read the sync settings")
                .toolStarted(data, "x1", "t1", "run_sql", "{\"sql\":\"select * from sync_settings\"}")
                .toolFinished(
                        data,
                        "x1",
                        "t1",
                        "run_sql",
                        ToolStatus.OK,
                        "{\"rows\":[[\"target\",\"" + dbUrl + "\"],[\"key\",\"" + awsSecret + "\"]]}",
                        null,
                        Map.of("sql", "select * from sync_settings"))
                .agentFinished(
                        data, "x1", AgentOutcome.COMPLETED, "The target is " + dbUrl + " with " + awsSecret, null)
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.COMPLETED, "Rotate the key " + awsSecret, null)
                .answer("The sync writes to " + dbUrl + "; rotate " + awsSecret, Routing.DELEGATED, AgentName.MANAGER)
                .succeeded("Rotate", Routing.DELEGATED, List.of(data), 1);

        PreparedExport export = recorder.prepare(run.runId(), run.events());

        String everything = export.conversationJson() + export.metadataJson();
        assertThat(everything)
                .doesNotContain("Hunter2-Pa55w0rd")
                .doesNotContain(awsSecret)
                .contains("postgresql://revops_app:[REDACTED:password]@db.internal:5432/revops")
                .contains("[REDACTED:aws_secret_key]");
        assertThat(export.redactions().byKind()).containsKeys("url_credentials", "aws_secret_key");
    }

    @Test
    void plantedSecretsInTheQuestionToolArgumentsResultsAndFactsNeverReachTheExport() {
        String slackToken = "xoxb-1234567890-abcdefghijkl";
        String awsKey = "AKIAIOSFODNN7EXAMPLE";
        String configured = "planted-signing-secret-42";
        String instructions = "You are the data agent of RevBot. Always answer from the warehouse and cite the SQL "
                + "that produced each number; never invent figures.";
        Redactor redactor = new Redactor(List.of(Secret.of(configured)), List.of(instructions));
        RunRecorder withSecrets = new RunRecorder(PriceTable.builtIn(), redactor, List.of(), CLOCK);
        AgentName data = AgentName.DATA;
        ScriptedRuns run = new ScriptedRuns("run-secrets", ScriptedRuns.T0)
                .started("my token is " + slackToken + ", why does the sync fail?", Channel.SLACK)
                .agentStarted(AgentName.MANAGER, "m1", null, "why does the sync fail? token " + slackToken)
                .agentStarted(data, "x1", AgentName.MANAGER, "check the sync config")
                .toolStarted(
                        data,
                        "x1",
                        "t1",
                        "run_sql",
                        "{\"sql\":\"select * from sync_config where key='" + awsKey + "'\"}")
                .toolFinished(
                        data,
                        "x1",
                        "t1",
                        "run_sql",
                        ToolStatus.OK,
                        "key,secret\n" + awsKey + "," + configured
                                + "\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
                        null,
                        Map.of("sql", "where header = 'Authorization: Bearer abcdef123456789'"))
                .agentFinished(data, "x1", AgentOutcome.COMPLETED, "The model said: " + instructions, null)
                .agentFinished(AgentName.MANAGER, "m1", AgentOutcome.COMPLETED, "Rotate " + configured, null)
                .answer("Rotate " + configured + " and xapp-1-A0123-456789", Routing.DELEGATED, AgentName.MANAGER)
                .succeeded("Rotate", Routing.DELEGATED, List.of(data), 1);

        PreparedExport export = withSecrets.prepare(run.runId(), run.events());

        String everything = export.conversationJson() + export.metadataJson();
        assertThat(everything)
                .doesNotContain(slackToken)
                .doesNotContain(awsKey)
                .doesNotContain(configured)
                .doesNotContain("MIIEpAIBAAKCAQEA")
                .doesNotContain("abcdef123456789")
                .doesNotContain("xapp-1-A0123-456789")
                .doesNotContain("cite the SQL that produced each number")
                .contains(
                        "[REDACTED:slack_token]",
                        "[REDACTED:aws_access_key]",
                        "[REDACTED:secret]",
                        "[REDACTED:private_key]",
                        "[REDACTED:instructions]",
                        "Bearer [REDACTED:bearer_token]");
        assertThat(export.redactions().byKind())
                .containsKeys(
                        "slack_token",
                        "aws_access_key",
                        "configured_secret",
                        "private_key",
                        "bearer_token",
                        "instructions");
        assertThat(export.quality().components()).containsEntry("redaction_clean", 0.0);
        assertThat(export.findings()).extracting(Finding::rule).doesNotContain("schema");
    }

    @Test
    void exportsHappenOnTheRecordersThreadAndAFailingExporterIsCountedNotThrown(@TempDir Path dir) throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        ConversationExporter failing = export -> {
            threads.add(Thread.currentThread().getName());
            throw new IOException("disk full");
        };
        DirectoryExporter directory = new DirectoryExporter(dir);
        try (RunRecorder r = new RunRecorder(PriceTable.builtIn(), Redactor.patternsOnly(), List.of(directory), CLOCK);
                RunRecorder broken =
                        new RunRecorder(PriceTable.builtIn(), Redactor.patternsOnly(), List.of(failing), CLOCK)) {
            ScriptedRuns run = ScriptedRuns.parallelDelegation("run-export", ScriptedRuns.T0);
            run.events().forEach(r::on);
            run.events().forEach(broken::on);
            assertThat(r.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(broken.awaitIdle(Duration.ofSeconds(10))).isTrue();

            assertThat(r.stats().exported()).isEqualTo(1);
            assertThat(broken.stats().failed()).isEqualTo(1);
            assertThat(threads).containsExactly("revbot-export");
            Path folder = dir.resolve("2026/11/20/2026-11-20T14-30-00Z-run-export");
            assertThat(folder.resolve("conversation.json")).exists();
            JsonNode metadata = json(Files.readString(folder.resolve("metadata.json")));
            assertThat(metadata.at("/validation/valid").asBoolean()).isTrue();
            assertThat(metadata.at("/quality/score").asDouble()).isBetween(0.0, 1.0);
            assertThat(metadata.at("/summary/agents").toString()).contains("deal_analysis", "data", "manager");
        }
    }

    @Test
    void aRunWhoseEventsNeverEndIsNotExportedAndOtherRunsAreUnaffected() throws Exception {
        List<RunId> written = new CopyOnWriteArrayList<>();
        try (RunRecorder r = new RunRecorder(
                PriceTable.builtIn(),
                Redactor.patternsOnly(),
                List.of(export -> {
                    written.add(export.runId());
                    return "memory";
                }),
                CLOCK)) {
            ScriptedRuns unfinished = ScriptedRuns.directAnswer("run-unfinished", ScriptedRuns.T0);
            List<RunEvent> events = unfinished.events();
            events.subList(0, events.size() - 1).forEach(r::on);
            ScriptedRuns.toolError("run-done", ScriptedRuns.T0).events().forEach(r::on);
            assertThat(r.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(written).containsExactly(new RunId("run-done"));
        }
    }
}
