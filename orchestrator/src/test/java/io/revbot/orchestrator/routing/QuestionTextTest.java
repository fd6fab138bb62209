package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionTextTest {

    @Test
    void namesAreMaskedAsOneCompanyButTheFirstWordAcronymsAndKeptWordsStay() {
        Set<String> keep = Set.of("Negotiate", "Slack");

        assertThat(QuestionText.masked("Review the Orion Health - Analytics Modernization deal", keep))
                .isEqualTo("Review the Acme deal");
        assertThat(QuestionText.masked("Is the MEDDPICC for Vertex in Negotiate complete? Tell me in Slack", keep))
                .isEqualTo("Is the MEDDPICC for Acme in Negotiate complete? Tell me in Slack");
        assertThat(QuestionText.masked("deal review for zephyr telecom pls", keep))
                .isEqualTo("deal review for zephyr telecom pls");
    }

    @Test
    void wordsAreLowerCaseKeepApostrophesAndDropSlackMentions() {
        assertThat(QuestionText.plain("<@U123ABC> What’s our Q4 pipeline, @revbot?"))
                .containsExactly("what's", "our", "q4", "pipeline", "@revbot");
    }
}
