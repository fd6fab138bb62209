package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.grounding.EvidenceIndex;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.GroundingCheck;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.grounding.ToolOutput;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.GroundingJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerHtmlTest {
    private final AnswerHtml html = new AnswerHtml();

    @Test
    void markdownBecomesHtmlWithTablesListsAndEmphasis() {
        String out = html.render(
                "## Pipeline\n\n**Vertex** is *at risk*:\n\n- one\n- two\n\n| Deal | Amount |\n|---|---|\n| Vertex | $1.2M |\n",
                null);
        assertThat(out)
                .contains("<h2>Pipeline</h2>")
                .contains("<strong>Vertex</strong>")
                .contains("<em>at risk</em>")
                .contains("<li>one</li>")
                .contains("<table>")
                .contains("<td>$1.2M</td>");
    }

    @Test
    void rawHtmlIsShownAsTextAndNeverBecomesMarkup() {
        String out = html.render(
                "Hello <script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n<div onclick=\"x()\">block</div>",
                null);
        assertThat(out).doesNotContain("<script").doesNotContain("<img").doesNotContain("<div");
        assertThat(out).contains("&lt;script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void onlyWebAndMailLinksStayLinksAndImagesAreNeverLoaded() {
        String out = html.render(
                "[ok](https://example.com/a) [js](javascript:alert(1)) [JS]( JavaScript:alert(1)) [data](data:text/html,x)"
                        + " [rel](/api/conversations) [mail](mailto:a@b.c)\n\n![chart](https://tracker.example/pixel.png)"
                        + " ![local](javascript:x)",
                null);
        assertThat(out)
                .contains(
                        "<a rel=\"noopener noreferrer nofollow\" href=\"https://example.com/a\" target=\"_blank\">ok</a>")
                .contains("href=\"mailto:a@b.c\"");
        assertThat(out).doesNotContainIgnoringCase("javascript:alert").doesNotContain("data:text/html,x\"");
        assertThat(out).contains("</a> js JS data rel <a").doesNotContain("href=\"/api");
        assertThat(out).doesNotContain("<img");
        assertThat(out)
                .contains("href=\"https://tracker.example/pixel.png\" target=\"_blank\">[image: chart]</a>")
                .contains("[image: chart]")
                .contains("[image: local]");
    }

    @Test
    void tracedFiguresCarryTheirSourceAndUntracedOnesAreMarkedAsSuch() {
        String answer = "Weighted pipeline is **$2,178,850**, coverage is 4.7x and the team books $987,654.";
        ObjectNode grounding = grounding(
                answer,
                item(answer, "$2,178,850", true, "pipeline_forecast", "call-1"),
                item(answer, "4.7x", false, null, null),
                item(answer, "$987,654", false, null, null));

        String out = html.render(answer, grounding);

        assertThat(out)
                .contains("<strong><span class=\"figure traced\" title=\"From pipeline_forecast (call call-1)\">"
                        + "$2,178,850</span></strong>")
                .contains("<span class=\"figure untraced\" title=\"Not traced to any data tool's result\">4.7x</span>")
                .contains("books <span class=\"figure untraced\"")
                .contains(">$987,654</span>.");
    }

    @Test
    void aSourceIsEscapedInsideItsAttribute() {
        String answer = "It is 42.";
        String out = html.render(answer, grounding(answer, item(answer, "42", true, "x\"><b onclick=y>", "1")));
        assertThat(out)
                .contains("title=\"From x&quot;&gt;&lt;b onclick=y&gt; (call 1)\"")
                .doesNotContain("<b ");
    }

    @Test
    void aFigureWhoseOffsetsNoLongerPointAtItsTextIsNotMarked() {
        String answer = "Coverage is 4.7x.";
        ObjectNode grounding = grounding(answer, item(answer, "4.7x", false, null, null));
        ((ObjectNode) grounding.withArray("items").get(0)).put("start", 0).put("end", 4);

        assertThat(html.render(answer, grounding)).doesNotContain("figure");
    }

    @Test
    void theRealGroundingJsonOfACheckedAnswerIsMarked() {
        EvidenceIndex index = EvidenceIndex.of(
                List.of(new ToolOutput("pipeline_forecast", "c1", "{\"weighted_pipeline\":2178850.4}")));
        String answer = "Weighted pipeline is $2.18M; we will book $987,654.";
        Grounding g = new Grounding(GroundingPolicy.ANNOTATE, GroundingCheck.check(answer, index), false);
        String out = html.render(answer, GroundingJson.toJson(g));
        assertThat(out)
                .contains("title=\"From pipeline_forecast (call c1)\">$2.18M</span>")
                .contains("class=\"figure untraced\"");
    }

    private static ObjectNode grounding(String answer, JsonNode... items) {
        ObjectNode g = ConversationJson.MAPPER.createObjectNode();
        ArrayNode array = g.putArray("items");
        for (JsonNode i : items) {
            array.add(i);
        }
        return g;
    }

    private static ObjectNode item(String answer, String text, boolean traced, String tool, String callId) {
        int start = answer.indexOf(text);
        return ConversationJson.MAPPER
                .createObjectNode()
                .put("text", text)
                .put("start", start)
                .put("end", start + text.length())
                .put("traced", traced)
                .put("tool", tool)
                .put("call_id", callId);
    }
}
