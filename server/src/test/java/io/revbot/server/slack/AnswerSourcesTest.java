package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.grounding.CheckedFigure;
import io.revbot.orchestrator.grounding.Figure;
import io.revbot.orchestrator.grounding.FigureKind;
import io.revbot.orchestrator.grounding.Grounding;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.grounding.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerSourcesTest {
    @Test
    void theSourcesNameEachDocumentOnceAndTheToolCallsBehindTracedFigures() {
        AnswerSources sources = new AnswerSources();
        sources.toolStarted("call-1", "Running SQL on opportunity_d…");
        sources.knowledge("business_logic/renewals.md", "Renewal risk");
        sources.knowledge("business_logic/renewals.md", "Renewal risk");
        sources.knowledge("schema/opportunity_d.md", "");
        sources.grounding(new Grounding(
                GroundingPolicy.ANNOTATE,
                List.of(
                        new CheckedFigure(
                                new Figure("$120k", FigureKind.MONEY, 0, 5), new Trace.Found("run_sql", "call-1")),
                        new CheckedFigure(
                                new Figure("35%", FigureKind.PERCENT, 10, 13), new Trace.Found("run_sql", "call-1")),
                        new CheckedFigure(new Figure("12", FigureKind.NUMBER, 20, 22), null),
                        new CheckedFigure(
                                new Figure("4", FigureKind.NUMBER, 30, 31), new Trace.Found("deal_review", "call-9"))),
                false));

        assertThat(sources.markdown())
                .isEqualTo("\n\n**Sources**\n"
                        + "- Knowledge base: `business_logic/renewals.md` › Renewal risk\n"
                        + "- Knowledge base: `schema/opportunity_d.md`\n"
                        + "- Figures from: Running SQL on opportunity_d\n"
                        + "- Figures from: Reviewing the deal");
    }

    @Test
    void nothingToCiteAddsNothing() {
        assertThat(new AnswerSources().markdown()).isEmpty();
    }
}
