package io.revbot.tools.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ToolException;
import io.revbot.tools.ToolObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnowledgeToolsTest {
    record Call(String query, int k, Optional<String> folder) {}

    static final class RecordingSearch implements KnowledgeSearch {
        final List<Call> calls = new ArrayList<>();
        List<KnowledgeHit> answer = List.of();

        @Override
        public List<KnowledgeHit> search(String query, int k, Optional<String> folder) {
            calls.add(new Call(query, k, folder));
            return answer;
        }
    }

    static final class RecordingObserver implements ToolObserver {
        final List<String> references = new ArrayList<>();

        @Override
        public void fact(String name, Object value) {}

        @Override
        public void knowledgeReference(String document, String section, double score) {
            references.add(document + "|" + section + "|" + score);
        }
    }

    private final RecordingSearch search = new RecordingSearch();
    private final KnowledgeTools tools = new KnowledgeTools(search);

    @Test
    void hitsAreReturnedWithTheirSourceAndReportedAsReferences() {
        search.answer = List.of(
                new KnowledgeHit("schema/gong_call_f.md", "gong_call_f > Pitfalls", "Two underscores.", 0.91),
                new KnowledgeHit(
                        "sql_patterns/customer_calls.md", "Latest substantive customer calls", "SELECT 1", 0.5));
        RecordingObserver observer = new RecordingObserver();

        String text = ToolObserver.runWith(observer, () -> tools.knowledgeSearch("next steps column", null, null));

        assertThat(text)
                .startsWith("[schema/gong_call_f.md > gong_call_f > Pitfalls] (score 0.91)\nTwo underscores.")
                .contains("[sql_patterns/customer_calls.md > Latest substantive customer calls]");
        assertThat(observer.references)
                .containsExactly(
                        "schema/gong_call_f.md|gong_call_f > Pitfalls|0.91",
                        "sql_patterns/customer_calls.md|Latest substantive customer calls|0.5");
        assertThat(search.calls).containsExactly(new Call("next steps column", 5, Optional.empty()));
    }

    @Test
    void theFolderFilterIsNormalisedAndPassedOn() {
        tools.knowledgeSearch("ACV", 3, " Schema ");
        assertThat(search.calls).containsExactly(new Call("ACV", 3, Optional.of("schema")));
    }

    @Test
    void anEmptyResultSaysSoAndSuggestsWhatToDo() {
        assertThat(tools.knowledgeSearch("quantum pricing", 5, "workflows"))
                .contains("No passage")
                .contains("in folder workflows");
    }

    @Test
    void badArgumentsAreExplainedToTheModel() {
        assertThatThrownBy(() -> tools.knowledgeSearch(" ", null, null)).isInstanceOf(ToolException.class);
        assertThatThrownBy(() -> tools.knowledgeSearch("x", 0, null))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("between 1 and 20");
        assertThatThrownBy(() -> tools.knowledgeSearch("x", 5, "marketing"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("business_logic, icp_and_messaging, schema, sql_patterns, workflows");
        assertThat(search.calls).isEmpty();
    }
}
