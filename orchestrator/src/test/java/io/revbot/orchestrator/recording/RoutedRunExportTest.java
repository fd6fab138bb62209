package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the router decided is in the export, valid against the schema, and the run's records pass every rule. */
class RoutedRunExportTest {
    final RunRecorder recorder =
            new RunRecorder(PriceTable.builtIn(), Redactor.patternsOnly(), List.of(), java.time.Clock.systemUTC());
    final RecordValidator validator = new RecordValidator();

    private JsonNode export(ScriptedRuns run) throws IOException {
        PreparedExport export = recorder.prepare(run.runId(), run.events());
        assertThat(export.findings()).isEmpty();
        JsonNode c = ConversationJson.MAPPER.readTree(export.conversationJson());
        assertThat(validator.validateJson(c)).isEmpty();
        return c.path("conversation");
    }

    @Test
    void aRoutedRunRecordsTheRoutersDecisionAndTheSpecialistAsAskedByTheRouter() throws IOException {
        JsonNode c = export(ScriptedRuns.routedToSpecialist("run-routed", ScriptedRuns.T0));

        assertThat(c.at("/router/decision").asText()).isEqualTo("specialist");
        assertThat(c.at("/router/tier").asText()).isEqualTo("embedding");
        assertThat(c.at("/router/agents/0").asText()).isEqualTo("deal_analysis");
        assertThat(c.at("/router/confidence").asDouble()).isEqualTo(0.93);
        assertThat(c.at("/router/margin").asDouble()).isEqualTo(0.88);
        assertThat(c.at("/router/duration_ms").asLong()).isEqualTo(4);
        assertThat(c.at("/routing/decision").asText()).isEqualTo("routed");
        assertThat(c.at("/agent_flow/0/requested_by").asText()).isEqualTo("router");
        assertThat(c.at("/final_answer/author").asText()).isEqualTo("deal_analysis");
        assertThat(c.at("/final_answer/routing").asText()).isEqualTo("routed");
        assertThat(c.at("/conversation_summary/agents_used/0").asText()).isEqualTo("deal_analysis");
        JsonNode timeline = c.path("timeline");
        assertThat(timeline.get(1).path("type").asText()).isEqualTo("routing");
        assertThat(timeline.get(1).path("from").asText()).isEqualTo("router");
        assertThat(timeline.get(2).path("type").asText()).isEqualTo("delegation");
        assertThat(timeline.get(2).path("from").asText()).isEqualTo("router");
    }

    @Test
    void aHandBackIsAnOutcomeOfItsOwnAndTheManagersAnswerFollows() throws IOException {
        JsonNode c = export(ScriptedRuns.handedBack("run-back", ScriptedRuns.T0));

        assertThat(c.at("/router/decision").asText()).isEqualTo("specialist");
        assertThat(c.at("/agent_flow/0/outcome").asText()).isEqualTo("handed_back");
        assertThat(c.at("/agent_flow/0/error").asText()).isEqualTo("a churn question");
        assertThat(c.at("/agent_flow/1/agent").asText()).isEqualTo("manager");
        assertThat(c.at("/routing/decision").asText()).isEqualTo("direct");
        assertThat(c.at("/final_answer/author").asText()).isEqualTo("manager");
    }

    @Test
    void aTemplateAnswerHasNoInvocationAndTheRouterAsItsAuthor() throws IOException {
        JsonNode c = export(ScriptedRuns.templateAnswer("run-hello", ScriptedRuns.T0));

        assertThat(c.at("/router/decision").asText()).isEqualTo("direct");
        assertThat(c.at("/router/tier").asText()).isEqualTo("rules");
        assertThat(c.path("agent_flow")).isEmpty();
        assertThat(c.at("/final_answer/author").asText()).isEqualTo("router");
        assertThat(c.at("/conversation_summary/model_calls").asInt()).isZero();
    }
}
