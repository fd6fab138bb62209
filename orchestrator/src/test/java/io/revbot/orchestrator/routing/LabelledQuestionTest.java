package io.revbot.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.agents.AgentName;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledQuestionTest {
    static final String HEADER = "question\texpected\tkind\n";

    @Test
    void aSetParsesItsThreeKindsAndSkipsCommentsAndBlankLines() {
        List<LabelledQuestion> set = LabelledQuestion.parse(
                "set.tsv",
                HEADER + "# deals\nReview the Vertex deal\tdeal_analysis\tsingle\n\n"
                        + "Review Vertex and check news\tdeal_analysis,web_search\tmulti\nhello\tmanager\tdirect\n");

        assertThat(set)
                .containsExactly(
                        new LabelledQuestion(
                                "Review the Vertex deal",
                                List.of(AgentName.DEAL_ANALYSIS),
                                LabelledQuestion.Kind.SINGLE),
                        new LabelledQuestion(
                                "Review Vertex and check news",
                                List.of(AgentName.DEAL_ANALYSIS, AgentName.WEB_SEARCH),
                                LabelledQuestion.Kind.MULTI),
                        new LabelledQuestion("hello", List.of(), LabelledQuestion.Kind.DIRECT));
        assertThat(set).extracting(LabelledQuestion::row).containsExactly("deal_analysis", "multi", "manager");
    }

    @Test
    void aBadLineIsRefusedNamingTheFileAndLine() {
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", "q\te\tk\n"))
                .hasMessageContaining("set.tsv:1")
                .hasMessageContaining("header");
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", HEADER + "Review it\tdeal_analysis\n"))
                .hasMessageContaining("set.tsv:2")
                .hasMessageContaining("3 tab-separated cells");
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", HEADER + "Review it\tdeal_analysis\tsometimes\n"))
                .hasMessageContaining("kind must be single, multi or direct");
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", HEADER + "hi\tdata\tdirect\n"))
                .hasMessageContaining("expects 'manager'");
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", HEADER + "x\tdata,web_search\tsingle\n"))
                .hasMessageContaining("exactly one specialist");
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", HEADER + "x\tData Team\tsingle\n"))
                .hasMessageContaining("not an agent name");
        assertThatThrownBy(() -> LabelledQuestion.parse("set.tsv", HEADER)).hasMessageContaining("no questions");
    }
}
