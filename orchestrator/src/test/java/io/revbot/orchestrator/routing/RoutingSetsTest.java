package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.orchestrator.testing.ShippedRouting;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped labelled splits and the examples drawn from them keep the rules that make the evaluation honest. */
class RoutingSetsTest {
    final List<LabelledQuestion> dev = ShippedRouting.split("dev");
    final List<LabelledQuestion> test = ShippedRouting.split("test");

    @Test
    void theSetHasAtLeast250QuestionsOfEveryKindAndEveryAgentInBothSplits() {
        assertThat(dev.size() + test.size()).isGreaterThanOrEqualTo(250);
        for (List<LabelledQuestion> split : List.of(dev, test)) {
            assertThat(split.stream().map(LabelledQuestion::kind).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(LabelledQuestion.Kind.values());
            assertThat(split.stream()
                            .filter(q -> q.kind() == LabelledQuestion.Kind.SINGLE)
                            .map(q -> q.expected().get(0))
                            .collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(ShippedRouting.agents().specialists().stream()
                            .map(AgentSpec::name)
                            .toList());
        }
        assertThat(test.stream()
                        .filter(q -> q.kind() == LabelledQuestion.Kind.SINGLE)
                        .count())
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void devAndTestShareNoQuestionAndNoExampleComesFromTheTestSplit() {
        Set<String> testQuestions = keys(test);
        assertThat(keys(dev)).doesNotContainAnyElementsOf(testQuestions);
        for (AgentSpec agent : ShippedRouting.agents().all().values()) {
            assertThat(agent.examples().stream().map(RoutingSetsTest::key).toList())
                    .as(agent.name() + "/examples.txt")
                    .doesNotContainAnyElementsOf(testQuestions);
        }
    }

    @Test
    void everyExampleIsADevQuestionLabelledForThatAgent() {
        Map<String, String> devLabels = new HashMap<>();
        dev.stream()
                .filter(q -> q.kind() != LabelledQuestion.Kind.MULTI)
                .forEach(q -> devLabels.put(key(q.question()), q.row()));
        for (AgentSpec agent : ShippedRouting.agents().all().values()) {
            for (String example : agent.examples()) {
                assertThat(devLabels.get(key(example)))
                        .as(agent.name() + ": " + example)
                        .isEqualTo(
                                agent.name().equals(AgentName.MANAGER)
                                        ? "manager"
                                        : agent.name().value());
            }
        }
    }

    private static Set<String> keys(List<LabelledQuestion> questions) {
        return questions.stream().map(q -> key(q.question())).collect(Collectors.toSet());
    }

    private static String key(String question) {
        return question.strip().toLowerCase(Locale.ROOT);
    }
}
