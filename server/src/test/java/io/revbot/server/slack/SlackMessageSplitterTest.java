package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageSplitterTest {
    private final SlackMessageSplitter splitter = new SlackMessageSplitter(100);

    @Test
    void blocksThatFitStayInOneMessage() {
        assertThat(splitter.split(List.of("a", "b", "c"))).containsExactly("a\n\nb\n\nc");
    }

    @Test
    void messagesBreakBetweenParagraphsNeverInsideOne() {
        String p = "x".repeat(45);
        List<String> messages = splitter.split(List.of(p + "1", p + "2", p + "3"));
        assertThat(messages).containsExactly(p + "1\n\n" + p + "2", p + "3");
    }

    @Test
    void anOversizedCodeBlockIsSplitBetweenLinesAndRefenced() {
        StringBuilder code = new StringBuilder("```\n");
        for (int i = 0; i < 20; i++) {
            code.append("row ").append(i).append(" ").append("y".repeat(10)).append('\n');
        }
        code.append("```");
        List<String> messages = splitter.split(List.of(code.toString()));
        assertThat(messages).hasSizeGreaterThan(1);
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.length()).isLessThanOrEqualTo(100);
            assertThat(m).startsWith("```\n").endsWith("\n```");
        });
        assertThat(String.join("", messages)).contains("row 0 ", "row 19 ");
    }

    @Test
    void aSingleOverlongLineIsCutToTheLimit() {
        List<String> messages = splitter.split(List.of("z".repeat(250)));
        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m.length()).isLessThanOrEqualTo(100));
    }
}
