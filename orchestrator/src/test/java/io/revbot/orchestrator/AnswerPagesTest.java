package io.revbot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.revbot.agents.AgentName;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerPagesTest {

    static ToolExecutionRequest read(String arguments) {
        return ToolExecutionRequest.builder()
                .id("r1")
                .name("read_answer")
                .arguments(arguments)
                .build();
    }

    @Test
    void pagesCoverTheWholeAnswerWithinTheSizeCuttingAtASpaceNearTheEndOrHardWhenThereIsNone() {
        String words = "word ".repeat(100);
        String solid = "x".repeat(250);

        List<String> wordPages = AnswerPages.split(words, 48);
        List<String> solidPages = AnswerPages.split(solid, 100);

        assertThat(String.join("", wordPages)).isEqualTo(words);
        assertThat(wordPages).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(48));
        assertThat(wordPages.get(0)).isEqualTo("word ".repeat(9));
        assertThat(solidPages).extracting(String::length).containsExactly(100, 100, 50);
        assertThat(AnswerPages.split("short", 100)).containsExactly("short");
    }

    @Test
    void anAnswerWithinTheCapIsNotStoredAndAPartOutOfRangeSaysWhichPartsExist() {
        AnswerPages pages = new AnswerPages(10);
        InvocationId data = new InvocationId("data-2");

        assertThat(pages.forManager(data, AgentName.DATA, "x".repeat(40))).isEqualTo("x".repeat(40));
        assertThatThrownBy(() -> pages.read(read("{\"answer\":\"data-2\",\"part\":2}")))
                .hasMessage("no shortened answer has the id 'data-2' in this run");

        assertThat(pages.forManager(data, AgentName.DATA, "x".repeat(100))).contains("part 1 of 3 of Data's answer");
        assertThat(pages.read(read("{\"answer\":\"data-2\",\"part\":3}")))
                .isEqualTo("x".repeat(20) + "\n\n[Part 3 of 3: the end of Data's answer.]");
        assertThatThrownBy(() -> pages.read(read("{\"answer\":\"data-2\",\"part\":4}")))
                .hasMessage("'part' must be between 2 and 3 for data-2");
        assertThatThrownBy(() -> pages.read(read("{\"answer\":\"data-2\"}")))
                .hasMessage("'answer' (text) and 'part' (a number) are required");
        assertThatThrownBy(() -> pages.read(read("{\"answer\":\"deal_analysis-3\",\"part\":2}")))
                .hasMessage("no shortened answer has the id 'deal_analysis-3' in this run; shortened answers: data-2");
    }
}
