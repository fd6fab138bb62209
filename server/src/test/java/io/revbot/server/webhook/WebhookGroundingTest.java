package io.revbot.server.webhook;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.FakeTools;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobId;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.NewJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook result and its delivery carry the untraced note as part of the answer, in both of its forms. */
class WebhookGroundingTest {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DATA = "You are RevBot's data analyst";
    static final String INVENTED = "Pipeline coverage is 4.7x and the team will book $987,654 by Friday.";

    @Test
    void theResultAndTheDeliveryShowTheUntracedNoteInTheAnswer() throws Exception {
        Agents agents = AgentLoader.fromDirectory(Path.of("..", "agents"));
        ScriptedChatModel model = new ScriptedChatModel()
                .on(
                        MANAGER,
                        tools(call("ask_data", "{\"request\":\"Total pipeline\"}")),
                        text("Pipeline is $1.2M. " + INVENTED))
                .on(DATA, tools(call("run_sql", "{\"sql\":\"select 1\"}")), text("1200000"));
        ManagerLoop supervisor = ManagerLoop.builder()
                .agents(() -> agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .build();
        Clock clock = Clock.systemUTC();
        InMemoryJobQueue queue = new InMemoryJobQueue(clock);
        String payload = WebhookJson.write(new WebhookJson.RequestJob(
                "What is our pipeline?",
                "crm",
                "nightly",
                Instant.now(),
                "webhook-s1",
                "https://hooks.example.com/revbot",
                Instant.now(),
                "crm-app"));
        JobId id = queue.enqueue(new NewJob(JobKind.WEBHOOK_REQUEST, "webhook:req-1", null, payload, 3))
                .id();
        Job job = queue.find(id).orElseThrow();

        String result =
                new WebhookRequestHandler(supervisor, RunListener.NONE, queue, Optional.empty(), 3, clock).handle(job);

        ObjectMapper json = new ObjectMapper();
        JsonNode stored = json.readTree(result);
        String note =
                "Not found in the data RevBot read for this answer: 4.7x, $987,654. Check before relying on them.";
        assertThat(stored.toString()).contains("4.7x");
        JsonNode delivery = json.readTree(
                queue.find(new JobId(stored.path("delivery_job_id").asText()))
                        .orElseThrow()
                        .payload());
        JsonNode answer = delivery.path("ai_response");
        assertThat(answer.path("response").asText()).endsWith("⚠️ _" + note + "_");
        assertThat(answer.path("response_plain").asText()).endsWith(note).doesNotContain("_Not found");
    }
}
