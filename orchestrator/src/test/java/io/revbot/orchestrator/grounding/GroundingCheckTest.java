package io.revbot.orchestrator.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroundingCheckTest {
    static final String FORECAST =
            "{\"quarter\":\"2026-Q4\",\"open_pipeline\":5234567.0,\"weighted_pipeline\":2178850.4,"
                    + "\"target\":2500000,\"coverage\":2.09,\"win_rate\":0.352,\"close_date\":\"2026-12-31\","
                    + "\"deals\":[{\"name\":\"Vertex Analytics - Platform Migration\",\"amount\":1234567,\"probability\":38,"
                    + "\"days_in_stage\":47,\"usage_change\":-0.12}]}";

    static EvidenceIndex index(String... toolResults) {
        EvidenceIndex.Builder b = EvidenceIndex.builder();
        for (int i = 0; i < toolResults.length; i++) {
            b.add(new ToolOutput("pipeline_forecast", "call-" + (i + 1), toolResults[i]));
        }
        return b.build();
    }

    static List<String> untraced(String answer, EvidenceIndex index) {
        return GroundingCheck.check(answer, index).stream()
                .filter(f -> !f.traced())
                .map(f -> f.figure().text())
                .toList();
    }

    @ParameterizedTest(name = "{0} is traced")
    @CsvSource(
            delimiter = '|',
            value = {
                "Vertex is worth $1,234,567.",
                "Vertex is worth $1.23M.",
                "Vertex is worth $1.2M.",
                "Vertex is worth 1.234.567 €.",
                "Vertex is worth 1 234 567 €.",
                "Vertex is worth $1,235K.",
                "Weighted pipeline is $2,178,850.",
                "Weighted pipeline is $2.18M.",
                "Weighted pipeline is about $2.2M.",
                "Win rate is 35%.",
                "Win rate is 35.2 %.",
                "Win rate is 0.35.",
                "Coverage is 2.09x.",
                "Coverage is 2.1x.",
                "Vertex has a 38% probability.",
                "Vertex has been in stage for 47 days.",
                "Usage fell 12%.",
                "Usage changed -12 %.",
                "Usage is down −12%.",
                "It closes on Dec 31.",
                "It closes on December 31st, 2026.",
                "It closes on 31/12/2026.",
                "It closes on 2026-12-31.",
                "Open pipeline is $5.2M against a $2.5M target.",
            })
    void aFigureAToolReturnedIsTracedInTheFormatsWritersUse(String answer) {
        assertThat(untraced(answer, index(FORECAST))).isEmpty();
        assertThat(GroundingCheck.check(answer, index(FORECAST))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} is not traced")
    @CsvSource(
            delimiter = '|',
            value = {
                "Vertex is worth $1.3M.                  | $1.3M",
                "Vertex is worth $1,234,568.             | $1,234,568",
                "Win rate is 36%.                        | 36%",
                "Coverage is 4.7x.                       | 4.7x",
                "It closes on Dec 30.                    | Dec 30",
                "It closes on 2027-12-31.                | 2027-12-31",
                "The team will book $987,654 by Friday.  | $987,654",
            })
    void aFigureNoToolReturnedIsNotTraced(String answer, String figure) {
        assertThat(untraced(answer, index(FORECAST))).containsExactly(figure);
    }

    @Test
    void theAcceptanceSentenceFlagsBothFiguresAfterAnAnswerThatCopiesTheToolResult() {
        String answer = "Here is the forecast:\n\n" + FORECAST
                + "\n\nPipeline coverage is 4.7x and the team will book $987,654 by Friday.";

        List<CheckedFigure> checked = GroundingCheck.check(answer, index(FORECAST));

        assertThat(untraced(answer, index(FORECAST))).containsExactly("4.7x", "$987,654");
        assertThat(checked.stream().filter(CheckedFigure::traced)).hasSizeGreaterThan(8);
    }

    @Test
    void largeValuesKeepTheirUnitWhereDoublesRunOutOfDigits() {
        EvidenceIndex index = index("{\"total\":123456789012.0,\"id\":\"7300000000000063352\"}");

        assertThat(untraced("Total $123,456,789,012 and $123,456,789,013.", index))
                .containsExactly("$123,456,789,013");
    }

    @Test
    void aTracedFigureNamesTheToolAndTheEarliestCall() {
        List<CheckedFigure> checked =
                GroundingCheck.check("Vertex is worth $1.2M.", index("nothing here", FORECAST, FORECAST));

        assertThat(checked.get(0).trace()).isEqualTo(new Trace.Found("pipeline_forecast", "call-2"));
    }

    @Test
    void plainArithmeticOfTracedFiguresIsTracedAndSaysHow() {
        EvidenceIndex index = index("{\"pipeline\":5234567,\"target\":2500000,\"q3\":1100000,\"q4\":1232000,"
                + "\"won\":15,\"lost\":25,\"a\":1200000,\"b\":1200000,\"rate_q3\":0.31,\"rate_q4\":0.352}");

        assertThat(GroundingCheck.check("We have $5.2M against a $2.5M target: 2.1x coverage.", index)
                        .get(2)
                        .trace())
                .isEqualTo(new Trace.Derived("ratio", List.of("$5.2M", "$2.5M")));
        assertThat(GroundingCheck.check("Bookings rose from $1.1M to $1.23M, up 12%.", index)
                        .get(2)
                        .trace())
                .isEqualTo(new Trace.Derived("change", List.of("$1.23M", "$1.1M")));
        assertThat(GroundingCheck.check("Vertex at $1.2M and Acme at $1.2M make $2.4M.", index)
                        .get(2)
                        .trace())
                .isEqualTo(new Trace.Derived("sum", List.of("$1.2M", "$1.2M")));
        assertThat(GroundingCheck.check("Won 15 and lost 25: 40 decided.", index))
                .extracting(CheckedFigure::trace)
                .containsExactly(
                        new Trace.Found("pipeline_forecast", "call-1"),
                        new Trace.Found("pipeline_forecast", "call-1"),
                        new Trace.Derived("sum", List.of("15", "25")));
        EvidenceIndex decided = index("{\"won\":15,\"decided\":40}");
        assertThat(GroundingCheck.check("Won 15 of 40 decided: a 37.5% win rate.", decided)
                        .get(2)
                        .trace())
                .isEqualTo(new Trace.Derived("share", List.of("15", "40")));
        assertThat(GroundingCheck.check("Win rate went from 31% to 35.2%, up 4.2 pp.", index)
                        .get(2)
                        .trace())
                .isEqualTo(new Trace.Derived("difference", List.of("35.2%", "31%")));
    }

    @Test
    void arithmeticNeedsKindsThatAgree() {
        EvidenceIndex index = index("{\"pipeline\":5234567,\"deals\":12}");

        assertThat(untraced("Pipeline of $5.2M over 12 deals is 436,214x.", index))
                .containsExactly("436,214x");
        assertThat(untraced("Pipeline of $5.2M over 12 deals averages $436K.", index))
                .isEmpty();
    }

    @Test
    void figuresOfTheQuestionAndTheRunContextAreGiven() {
        EvidenceIndex index = EvidenceIndex.builder()
                .add(new ToolOutput("run_sql", "call-1", "count\n14"))
                .add(new ToolOutput(ToolOutput.QUESTION, null, "Which deals over $50K close in the next 30 days?"))
                .add(new ToolOutput(
                        ToolOutput.RUN_CONTEXT,
                        null,
                        "Current quarter: 2026-Q4, 2026-10-01 to 2026-12-31, day 55 of 92 (37 days left)"))
                .build();

        List<CheckedFigure> checked = GroundingCheck.check(
                "14 deals over $50K close in the next 30 days, before the quarter ends on Dec 31, 37 days from now.",
                index);

        assertThat(checked).allMatch(CheckedFigure::traced);
        assertThat(checked.get(1).trace()).isEqualTo(new Trace.Found("question", null));
        assertThat(checked.get(3).trace()).isEqualTo(new Trace.Found("run_context", null));
        assertThat(checked.get(4).trace()).isEqualTo(new Trace.Found("run_context", null));
        assertThat(untraced("We have 55 deals and 92% of them are late; 37 accounts.", index))
                .as("the run context traces dates and day counts only")
                .containsExactly("55", "92%", "37");
    }

    @Test
    void anyTextIsReadWithoutFailingAndEveryFigureIsWhereItSaysAndTracedWhenItIsItsOwnEvidence() {
        String alphabet = "0123456789000.,,'’-–−/:  \u00A0\n$€£%xX×KMBkmbnstdhQFYHDecMayJune#[]()`@.comtop";
        java.util.Random random = new java.util.Random(14);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String answer = text.toString();
            List<CheckedFigure> checked = GroundingCheck.check(answer, index(answer));
            for (CheckedFigure f : checked) {
                assertThat(answer.substring(f.figure().start(), f.figure().end()))
                        .as(answer)
                        .isEqualTo(f.figure().text());
            }
            assertThat(checked).as(answer).allMatch(CheckedFigure::traced);
        }
    }

    @Test
    void anAnswerThatCopiesAnyToolResultVerbatimHasNoUntracedFigure() {
        List<String> results = List.of(
                FORECAST,
                "account,arr,churn_risk,renewal_date\nAcme Corp,\"1,234,567.89\",72.5,2027-03-31\nGlobex,98000,12,2026-11-30",
                "| Deal | Amount | Win % |\n|---|---|---|\n| Vertex | $1.2M | 35-40 % |\n| Acme | €750K | 12.5% |",
                "StreamForge raised a $40M Series B on March 2, 2026 (TechCrunch); revenue grew 3.5x to $12.3 million.",
                "Der Umsatz stieg um 12,5 % auf 1.234.567,89 € (31.12.2026); 1 234 567 € en France, CHF 1'234'567.",
                "Score 72/100, MEDDPICC 41/80, 7 out of 10, rank #3, 3rd call on Dec 3rd, -$1.2-1.5M, 1.2e6 rows.",
                "{\"currentCreatedPipeline\":2.8684E7,\"callId\":\"7300000000000063352\",\"amount\":779000.0}");
        for (String result : results) {
            assertThat(untraced(result, index(result))).as(result).isEmpty();
        }
    }
}
