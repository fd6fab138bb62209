package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.testing.ShippedRouting;
import org.junit.jupiter.api.Test;

class QuestionPartsTest {
    final QuestionParts parts =
            new QuestionParts(ShippedRouting.agents().routing().orElseThrow().multiPart());

    @Test
    void twoAsksJoinedByAConnectiveAreSeveral() {
        assertSeveral("Review the Vertex deal and check the latest news on Vertex Analytics");
        assertSeveral("How risky is the Orion Health deal, and update its next step to \"pricing workshop\"");
        assertSeveral("What's the churn risk for Quanta Retail and open a renewal-risk webhook for them");
        assertSeveral("Update the Vertex close date to Dec 15 and tell me what the deal review says");
    }

    @Test
    void severalQuestionsInOneMessageAreSeveralEvenWhenTheSecondOpensWithAlso() {
        assertSeveral("What's our Q4 pipeline? Also, who are the top churn risks?");
        assertSeveral("Review the Orion Health deal. Also draft a Slack note to the AE with the top risks.");
        assertSeveral("Which customers are likely to churn? Then notify their CSMs in Slack");
    }

    @Test
    void listsEnumerationsAndCommaOrSemicolonJoinedAsksAreSeveral() {
        assertSeveral("Two things: 1) pipeline by region 2) any news on Databricks");
        assertSeveral("- pipeline by region\n- churn risks for PLG customers");
        assertSeveral("Review the Keystone deal, check if Keystone Insurance is in the news");
        assertSeveral("List expansion candidates; also, score the new lead from Helios Robotics");
    }

    @Test
    void oneAskStaysOneEvenWithAndCommasOrAPoliteSecondSentence() {
        assertOne("How much pipeline is in Proposal and Negotiate?");
        assertOne("Are Lumen Labs and Cobalt Data ready to convert?");
        assertOne("Qualify this lead: Jonas Weber, CTO at Kraftwerk Mobility, 1,200 employees");
        assertOne("For Vertex, show me the risks");
        assertOne("Can you review the Vertex deal? Thanks!");
        assertOne("What's the pipeline for Q4 2026.");
        assertOne("Set Falcon Airways' amount to 1.2M");
    }

    @Test
    void aSoftConnectiveOffersTheTwoPhrasesForTheClassifierToJudge() {
        QuestionParts.Found found = parts.find("Give me the Q4 forecast plus the latest news on Snowflake");

        assertThat(found)
                .isEqualTo(new QuestionParts.Found.Maybe("Give me the Q4 forecast", "the latest news on Snowflake"));
    }

    private void assertSeveral(String question) {
        assertThat(parts.find(question)).as(question).isInstanceOf(QuestionParts.Found.Several.class);
    }

    private void assertOne(String question) {
        assertThat(parts.find(question)).as(question).isNotInstanceOf(QuestionParts.Found.Several.class);
    }
}
