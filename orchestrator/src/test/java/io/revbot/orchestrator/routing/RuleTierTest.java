package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.Agents;
import io.revbot.orchestrator.testing.ShippedRouting;
import org.junit.jupiter.api.Test;

class RuleTierTest {
    final Agents agents = ShippedRouting.agents();
    final RuleTier rules = new RuleTier(agents.routing().orElseThrow(), agents);

    @Test
    void aGreetingWithWhatCanYouDoIsAnsweredFromTheCapabilitiesTemplateListingEverySpecialist() {
        RoutingDecision.Direct direct =
                rules.direct("Hi RevBot, what can you do?").orElseThrow();

        assertThat(direct.rule()).isEqualTo("capabilities");
        assertThat(direct.answer())
                .contains("**Deal analysis**", "**Lead analysis**", "**Data**", "**Web search**", "**Execution**")
                .doesNotContain("{specialists}");
        assertThat(direct.confidence()).isEqualTo(1.0);
    }

    @Test
    void theFirstRuleInTheFileAnswersWhenSeveralMatchAndIgnoredWordsDoNotMatter() {
        assertThat(rules.direct("thanks a lot RevBot").orElseThrow().rule()).isEqualTo("thanks");
        assertThat(rules.direct("test connectivity please").orElseThrow().rule())
                .isEqualTo("connectivity");
        assertThat(rules.direct("Hello there!").orElseThrow().rule()).isEqualTo("greeting");
        assertThat(rules.direct("hey, are you there?").orElseThrow().rule()).isEqualTo("connectivity");
    }

    @Test
    void aQuestionWithAnyWordOutsideTheRulesIsNotAnsweredFromATemplate() {
        assertThat(rules.direct("Hi, review the Vertex deal")).isEmpty();
        assertThat(rules.direct("thanks, what's our pipeline?")).isEmpty();
        assertThat(rules.direct("Ping the CSM for Quanta Retail")).isEmpty();
        assertThat(rules.direct("revbot")).isEmpty();
    }

    @Test
    void anOpeningGreetingIsDroppedBeforeClassificationButAnAskVerbThatIsAlsoARulePhraseStays() {
        assertThat(rules.withoutOpening("Hi RevBot, review the Vertex deal")).isEqualTo("review the Vertex deal");
        assertThat(rules.withoutOpening("Thanks! Now score Maya Chen")).isEqualTo("Now score Maya Chen");
        assertThat(rules.withoutOpening("Ping the CSM for Quanta Retail")).isEqualTo("Ping the CSM for Quanta Retail");
        assertThat(rules.withoutOpening("Help me plan outreach to Finbridge"))
                .isEqualTo("Help me plan outreach to Finbridge");
        assertThat(rules.withoutOpening("hello")).isEqualTo("hello");
    }

    @Test
    void definitionCuesMatchOnWordBoundariesWithWildcards() {
        assertThat(rules.managerCue("How do we define ACV?")).contains("define");
        assertThat(rules.managerCue("What does MEDDPICC stand for?")).contains("what does * stand for");
        assertThat(rules.managerCue("How is the evidence-based probability computed?"))
                .contains("how is * computed");
        assertThat(rules.managerCue("Which deals have a defined decision process?"))
                .isEmpty();
        assertThat(rules.managerCue("Review the Vertex deal")).isEmpty();
    }
}
