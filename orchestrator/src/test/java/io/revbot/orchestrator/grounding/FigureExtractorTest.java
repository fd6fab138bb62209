package io.revbot.orchestrator.grounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.revbot.orchestrator.grounding.FigureExtractor.Reading;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FigureExtractorTest {

    static Reading only(String text) {
        List<Reading> figures = FigureExtractor.extract(text);
        assertThat(figures).as("figures of: " + text).hasSize(1);
        return figures.get(0);
    }

    static List<String> texts(String text) {
        return FigureExtractor.extract(text).stream()
                .map(r -> r.figure().text())
                .toList();
    }

    @ParameterizedTest(name = "{0} is {2} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Pipeline is $1,234,567 today.       | 1234567    | MONEY    | $1,234,567",
                "Pipeline is $1.23M today.           | 1230000    | MONEY    | $1.23M",
                "Pipeline is $1.2M today.            | 1200000    | MONEY    | $1.2M",
                "It is €750K.                        | 750000     | MONEY    | €750K",
                "It is £2.5bn.                       | 2500000000 | MONEY    | £2.5bn",
                "It is USD 1.2 million.              | 1200000    | MONEY    | USD 1.2 million",
                "It is 1.2M USD.                     | 1200000    | MONEY    | 1.2M USD",
                "Es sind 1.234.567 € im Pipeline.    | 1234567    | MONEY    | 1.234.567 €",
                "Es sind 1,2 Mio. € im Pipeline.     | 1200000    | MONEY    | 1,2 Mio. €",
                "Ce sont 1 234 567 € au total.       | 1234567    | MONEY    | 1 234 567 €",
                "Es sind CHF 1'234'567.              | 1234567    | MONEY    | CHF 1'234'567",
                "ARR is ₹12,34,567.                  | 1234567    | MONEY    | ₹12,34,567",
                "ARR is US$4.5M.                     | 4500000    | MONEY    | US$4.5M",
                "Win rate is 35%.                    | 35         | PERCENT  | 35%",
                "Taux de 35,5 % ce trimestre.        | 35.5       | PERCENT  | 35,5 %",
                "Win rate is 35 percent.             | 35         | PERCENT  | 35 percent",
                "Margin moved 3 pp.                  | 3          | PERCENT  | 3 pp",
                "Usage fell -12% since June.         | 12         | PERCENT  | -12%",
                "Usage fell −12 % since June.        | 12         | PERCENT  | −12 %",
                "Coverage is 4.7x.                   | 4.7        | MULTIPLE | 4.7x",
                "Coverage is 2.1× target.            | 2.1        | MULTIPLE | 2.1×",
                "The deal lost ($50K) of value.      | 50000      | MONEY    | $50K",
                "The ICP score is 72/100.            | 72         | SCORE    | 72",
                "It scored 7.5 out of 10.            | 7.5        | SCORE    | 7.5",
                "We have 42 open deals.              | 42         | NUMBER   | 42",
                "The ratio is 0.35 now.              | 0.35       | NUMBER   | 0.35",
                "That is 1,200 seats.                | 1200       | NUMBER   | 1,200",
            })
    void aNumberAsWrittenIsOneFigureWithItsKindAndValue(String text, double value, FigureKind kind, String written) {
        Reading r = only(text);
        assertThat(r.figure().kind()).isEqualTo(kind);
        assertThat(r.figure().text()).isEqualTo(written);
        assertThat(java.util.Arrays.stream(r.values()).boxed().toList())
                .anySatisfy(v -> assertThat(v).isCloseTo(value, within(1e-6 * Math.max(1, value))));
        assertThat(text.substring(r.figure().start(), r.figure().end())).isEqualTo(written);
    }

    @Test
    void noBreakAndThinSpacesGroupThousandsAnywhereButAPlainSpaceOnlyNextToACurrencyOrPercent() {
        assertThat(only("Il y a 1\u00A0234\u00A0567 lignes.").values()[0]).isEqualTo(1_234_567);
        assertThat(only("Il y a 1\u202F234 lignes.").values()[0]).isEqualTo(1_234);
        assertThat(texts("In 2026 120 deals closed")).containsExactly("120");
        assertThat(texts("Top 12 345 accounts")).containsExactly("12", "345");
    }

    @Test
    void aLoneSeparatorBeforeThreeDigitsKeepsBothReadings() {
        assertThat(only("It is 1,234 today").values()).containsExactly(1234, 1.234);
        assertThat(only("Es sind 1.234 heute").values()).containsExactly(1.234, 1234);
        assertThat(only("It is 0.350 today").values()).containsExactly(0.35);
        assertThat(only("It is 1,5 today").values()).containsExactly(1.5);
    }

    @Test
    void roundedIntegersCarryTheirRoundingUnitAndDecimalsTheirLastDigit() {
        assertThat(only("$1,200,000").units()[0]).isEqualTo(100_000);
        assertThat(only("$250,000").units()[0]).isEqualTo(10_000);
        assertThat(only("$1,234,567").units()[0]).isEqualTo(1);
        assertThat(only("$1.2M").units()[0]).isCloseTo(100_000, within(1e-6));
        assertThat(only("$1.23M").units()[0]).isCloseTo(10_000, within(1e-6));
        assertThat(only("35.5%").units()[0]).isCloseTo(0.1, within(1e-12));
        assertThat(only("100 seats").units()[0]).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "It closes on 2026-12-31.            | 2026-12-31 | 2026-12-31",
                "Updated 2026-12-31T09:30:00Z.       | 2026-12-31 | 2026-12-31T09:30:00Z",
                "It closes on December 31, 2026.     | 2026-12-31 | December 31, 2026",
                "It closes on 31 December 2026.      | 2026-12-31 | 31 December 2026",
                "Es schließt am 31.12.2026.          | 2026-12-31 | 31.12.2026",
                "It closes on 12/31/2026.            | 2026-12-31 | 12/31/2026",
                "It closes on 2026/12/31.            | 2026-12-31 | 2026/12/31",
            })
    void datesAreOneFigureEach(String text, LocalDate date, String written) {
        Reading r = only(text);
        assertThat(r.figure().kind()).isEqualTo(FigureKind.DATE);
        assertThat(r.figure().text()).isEqualTo(written);
        assertThat(r.dates()).contains(date);
    }

    @Test
    void aDateWithoutYearIsADayOfTheYearAndAnAmbiguousNumericDateKeepsBothReadings() {
        assertThat(only("It closes Dec 31st.").monthDay()).isEqualTo(MonthDay.of(12, 31));
        assertThat(only("It closes Dec 31.").monthDay()).isEqualTo(MonthDay.of(12, 31));
        assertThat(only("It closed on 03/04/2026.").dates())
                .containsExactly(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 4, 3));
    }

    @ParameterizedTest(name = "no figure in: {0}")
    @ValueSource(
            strings = {
                "In 2026 we grew.",
                "Q4 bookings, Q4 2026, Q3 FY26, FY2026, FY 26, H1 2026, 2026-Q4, Q1'27 and '26 are periods.",
                "1. Vertex\n2. Acme\n  3) Globex",
                "### 1. Summary",
                "The #1 deal is Vertex.",
                "As the docs say [12].",
                "It is the 3rd time.",
                "See OPP-0042, v2, 4G, x86, id 006Dn000004XyZ, call 7300000000000063352 and deal_12.",
                "We met at 07:00 UTC, 14:30 and 9am.",
                "The 3 deals and 2 calls.",
                "Since December 2026 it rose.",
                "Run `SELECT * FROM t LIMIT 10` to see.",
                "```sql\nSELECT 1234 FROM t\n```",
                "Source: https://techcrunch.com/2026/03/02/streamforge-raises-40m and www.example.com/q4-2026.",
                "Source: [TechCrunch](https://techcrunch.com/2026/03/02/a) and techcrunch.com/2026/03/02/b.",
                "Write to ops@acme42.com.",
            })
    void whatIsNotAFigure(String text) {
        assertThat(texts(text)).isEmpty();
    }

    @Test
    void rangesGiveTwoFiguresThatShareTheirUnitAndScale() {
        List<Reading> percent = FigureExtractor.extract("Win rates of 35-40 % are normal.");
        assertThat(percent).extracting(r -> r.figure().kind()).containsExactly(FigureKind.PERCENT, FigureKind.PERCENT);
        assertThat(percent).extracting(r -> r.values()[0]).containsExactly(35.0, 40.0);

        List<Reading> money = FigureExtractor.extract("Expect $1.2-1.5M this quarter.");
        assertThat(money).extracting(r -> r.figure().kind()).containsExactly(FigureKind.MONEY, FigureKind.MONEY);
        assertThat(money).extracting(r -> r.values()[0]).containsExactly(1_200_000.0, 1_500_000.0);

        assertThat(texts("between 10 to 12 deals and 35 – 40 %")).containsExactly("10", "12", "35", "40 %");
    }

    @Test
    void aScoresScaleIsDroppedButAnOtherDenominatorIsAFigure() {
        assertThat(texts("ICP 72/100, MEDDPICC 41/80, 7 out of 10")).containsExactly("72", "41", "80");
    }

    @Test
    void markdownTablesAndBulletsKeepTheirFigures() {
        String table = "| Deal | Amount | Probability |\n|---|---|---|\n| Vertex | $1.2M | 38% |\n- 12 deals slipped";
        assertThat(texts(table)).containsExactly("$1.2M", "38%", "12");
    }

    @Test
    void figuresKnowTheirParagraph() {
        List<Reading> figures = FigureExtractor.extract("Pipeline $1.2M.\nTarget $2.5M.\n\nCoverage 0.5x.");
        assertThat(figures).extracting(Reading::paragraph).containsExactly(0, 0, 1);
    }
}
