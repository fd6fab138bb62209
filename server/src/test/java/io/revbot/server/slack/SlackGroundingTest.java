package io.revbot.server.slack;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.FakeTools;
import io.revbot.orchestrator.ManagerLoop;
import io.revbot.orchestrator.RunListener;
import io.revbot.orchestrator.ToolRegistry;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.server.config.Config;
import io.revbot.server.queue.InMemoryJobQueue;
import io.revbot.server.queue.Job;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.NewJob;
import io.revbot.tools.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Slack answer with a figure no tool returned shows the untraced note, rendered for Slack, in its message. */
class SlackGroundingTest {
    static final String MANAGER = "You are RevBot, the revenue operations assistant";
    static final String DATA = "You are RevBot's data analyst";

    final ScriptedChatModel model = new ScriptedChatModel();
    FakeSlackWebApi slack;
    SlackBot bot;

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void theUntracedNoteIsPartOfTheAnswerSlackShows() throws Exception {
        slack = new FakeSlackWebApi();
        slack.refuseAgentMethods(); // the plain-message path (an app not declared as an agent); SlackAgentTest streams
        Agents agents = AgentLoader.fromDirectory(Path.of("..", "agents"));
        model.on(
                MANAGER,
                tools(call("ask_data", "{\"request\":\"Total pipeline\"}")),
                ScriptedChatModel.Reply.from(r -> AiMessage.from("**Pipeline:** $1.2M per the warehouse. Pipeline"
                        + " coverage is 4.7x and the team will book $987,654 by Friday.")));
        model.on(
                DATA,
                tools(call("run_sql", "{\"sql\":\"select sum(amount) from opportunity_d\"}")),
                text("total_pipeline 1200000"));
        ManagerLoop supervisor = ManagerLoop.builder()
                .agents(() -> agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .build();
        InMemoryJobQueue queue = new InMemoryJobQueue(Clock.systemUTC());
        bot = new SlackBot(
                new Config.SlackConfig(
                        Optional.of(Secret.of("xoxb-test-token")),
                        Optional.of(Secret.of("8f742231b10e8888abcd99yyyzzz85a5")),
                        Optional.empty(),
                        slack.apiUrl(),
                        List.of(),
                        Duration.ofMinutes(15)),
                queue,
                () -> supervisor,
                RunListener.NONE,
                null,
                Clock.systemUTC(),
                Duration.ofMillis(1));
        SlackQuestion question = new SlackQuestion(
                "Ev1",
                new SlackThread("T123ABC456", "C123ABC456", "1700000300.000100"),
                "1700000300.000100",
                "U061F7AUR",
                "T123ABC456",
                "<@U0BOT> what is our pipeline?",
                "U0BOT",
                Instant.now());
        var id = queue.enqueue(new NewJob(JobKind.SLACK_EVENT, "slack:Ev1", null, question.toJson(), 3))
                .id();
        Job job = queue.find(id).orElseThrow();

        String outcome = bot.eventHandler().handle(job);

        assertThat(outcome).contains("\"outcome\":\"answered\"");
        String shown = slack.calls("chat.update").getLast().param("text");
        assertThat(shown)
                .startsWith("*Pipeline:* $1.2M per the warehouse.")
                .endsWith("⚠️ _Not found in the data RevBot read for this answer: 4.7x, $987,654. Check before"
                        + " relying on them._");
    }
}
