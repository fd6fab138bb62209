package io.revbot.orchestrator.routing;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.fail;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.RoutingSpec;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ShippedRouting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
    static final String ROUTER_PROMPT = "You route questions for RevBot";

    final Agents shipped = ShippedRouting.agents();
    final Router router = ShippedRouting.router();

    @Test
    void theIssuesTwoQuestionsAreDecidedWithoutAnyModel() {
        RoutingDecision review = router.route("Review the Vertex Analytics - Platform Migration deal", shipped);
        RoutingDecision hello = router.route("Hi RevBot, what can you do?", shipped);

        assertThat(review).isInstanceOf(RoutingDecision.Specialist.class);
        assertThat(review.agents()).containsExactly(AgentName.DEAL_ANALYSIS);
        assertThat(review.tier()).isEqualTo(Tier.EMBEDDING);
        assertThat(review.confidence())
                .isGreaterThanOrEqualTo(
                        shipped.routing().orElseThrow().thresholds().minConfidence());
        assertThat(hello).isInstanceOf(RoutingDecision.Direct.class);
    }

    @Test
    void aGreetingInFrontOfAQuestionDoesNotChangeWhereItGoes() {
        RoutingDecision plain = router.route("Which customers are most at risk of churning?", shipped);
        RoutingDecision greeted = router.route("Hey RevBot! Which customers are most at risk of churning?", shipped);

        assertThat(greeted.agents()).isEqualTo(plain.agents());
        assertThat(greeted.confidence()).isEqualTo(plain.confidence());
    }

    @Test
    void independentPartsAndDefinitionsGoToTheManager() {
        RoutingDecision multi =
                router.route("Score Maya Chen as a lead and find out whether StreamForge raised money", shipped);
        RoutingDecision definition = router.route("How do we define ACV?", shipped);

        assertThat(multi).isInstanceOf(RoutingDecision.Supervisor.class);
        assertThat(multi.tier()).isEqualTo(Tier.RULES);
        assertThat(definition).isInstanceOf(RoutingDecision.Supervisor.class);
        assertThat(definition.reason()).contains("definition");
    }

    @Test
    void withoutRoutingYamlEverythingGoesToTheManager() {
        Agents noRouting = new Agents(shipped.all());

        RoutingDecision decision = router.route("Review the Vertex deal", noRouting);

        assertThat(decision).isInstanceOf(RoutingDecision.Supervisor.class);
        assertThat(decision.tier()).isEqualTo(Tier.SUPERVISOR);
    }

    @Test
    void whenTheEmbeddingTierIsUnsureTheRoutingModelChoosesFromAnEnumerationInOneShortCall() {
        ScriptedChatModel model =
                new ScriptedChatModel().on(ROUTER_PROMPT, tools(call("route", "{\"agent\":\"data\"}")));
        Router withModel = Router.create(
                ShippedRouting.miniLm(),
                Optional.of(new Router.ModelTierModel(model, "small-router")),
                Optional.empty());

        RoutingDecision decision = withModel.route("Which customers are most at risk of churning?", neverSure());

        assertThat(decision).isInstanceOf(RoutingDecision.Specialist.class);
        assertThat(decision.tier()).isEqualTo(Tier.MODEL);
        assertThat(decision.agents()).containsExactly(AgentName.DATA);
        assertThat(decision.confidence()).isNull();
        ChatRequest sent = model.requestsOf(ROUTER_PROMPT).get(0);
        assertThat(sent.parameters().modelName()).isEqualTo("small-router");
        assertThat(sent.parameters().toolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(sent.parameters().maxOutputTokens()).isLessThanOrEqualTo(64);
        ToolSpecification route = sent.toolSpecifications().get(0);
        assertThat(route.name()).isEqualTo("route");
        assertThat(route.parameters().properties().get("agent").toString())
                .contains("deal_analysis", "data", "web_search", "execution", "lead_analysis", "manager", "several");
        assertThat(ScriptedChatModel.lastMessageText(sent)).isEqualTo("Which customers are most at risk of churning?");
    }

    @Test
    void aRoutingModelThatAnswersInProseNamesNoAgentOrFailsLeavesTheQuestionToTheManager() {
        ScriptedChatModel model = new ScriptedChatModel()
                .on(
                        ROUTER_PROMPT,
                        text("I think the data agent should answer this."),
                        tools(call("route", "{\"agent\":\"sales_wizard\"}")),
                        tools(call("route", "{\"agent\":\"several\"}")),
                        fail(new RuntimeException("throttled")));
        Router withModel = Router.create(
                ShippedRouting.miniLm(),
                Optional.of(new Router.ModelTierModel(model, "small-router")),
                Optional.empty());
        Agents agents = neverSure();

        for (int i = 0; i < 4; i++) {
            RoutingDecision decision = withModel.route("Which customers are most at risk of churning?", agents);
            assertThat(decision).as("reply " + i).isInstanceOf(RoutingDecision.Supervisor.class);
        }
        assertThat(model.unplayed()).isEmpty();
    }

    @Test
    void anEditedVersionOfTheAgentsIsLearntAgainAndTheSameExamplesAlwaysGiveTheSameDecision() {
        Router fresh = Router.create(ShippedRouting.miniLm(), Optional.empty(), Optional.empty());
        Agents small = withExamples(
                shipped,
                Map.of(
                        AgentName.DATA,
                                List.of(
                                        "What is our pipeline?",
                                        "Which customers might churn?",
                                        "Show usage by account"),
                        AgentName.WEB_SEARCH,
                                List.of("Any news on Acme?", "Did Acme raise money?", "Who is the CEO of Acme?")));

        RoutingDecision first = fresh.route("Any recent news about Globex?", small);
        RoutingDecision again = Router.create(ShippedRouting.miniLm(), Optional.empty(), Optional.empty())
                .route("Any recent news about Globex?", small);

        assertThat(again).isEqualTo(first);
        Agents edited = withExamples(
                shipped,
                Map.of(
                        AgentName.DATA,
                                List.of("Any news on Acme?", "Did Acme raise money?", "Who is the CEO of Acme?"),
                        AgentName.WEB_SEARCH,
                                List.of("What is our pipeline?", "Which customers might churn?", "Show usage")));
        assertThat(best(fresh, small, "Any recent news about Globex?")).isEqualTo(AgentName.WEB_SEARCH);
        assertThat(best(fresh, edited, "Any recent news about Globex?")).isEqualTo(AgentName.DATA);
    }

    private static AgentName best(Router router, Agents agents, String question) {
        Assessment.Scored scored = (Assessment.Scored) router.index(agents).assess(question);
        return scored.whole().best().agent();
    }

    /** The shipped agents with thresholds no probability reaches, and a few examples, so the model tier is asked. */
    static Agents neverSure() {
        Agents shipped = ShippedRouting.agents();
        RoutingSpec spec = shipped.routing().orElseThrow();
        RoutingSpec strict = new RoutingSpec(
                spec.rules(),
                spec.ignoredWords(),
                spec.managerCues(),
                spec.multiPart(),
                spec.classifier(),
                new RoutingSpec.Thresholds(1.0, 1.0, "never sure"),
                spec.modelInstructions(),
                spec.source());
        Agents few = withExamples(
                shipped,
                Map.of(
                        AgentName.DATA, List.of("What is our pipeline?", "Which customers might churn?"),
                        AgentName.DEAL_ANALYSIS,
                                List.of("Review the Acme deal", "What are the risks on the Acme opportunity?")));
        return new Agents(few.all(), Optional.of(strict));
    }

    /** {@code agents} with only the given examples (every other agent has none). */
    static Agents withExamples(Agents agents, Map<AgentName, List<String>> examples) {
        Map<AgentName, AgentSpec> specs = new LinkedHashMap<>();
        agents.all()
                .forEach((name, s) -> specs.put(
                        name,
                        new AgentSpec(
                                name,
                                s.description(),
                                s.tools(),
                                s.model(),
                                s.instructions(),
                                s.source(),
                                s.mcpServers(),
                                examples.getOrDefault(name, List.of()))));
        return new Agents(specs, agents.routing());
    }
}
