package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void markdownBecomesTextWithoutItsMarkup() {
        String plain = PlainText.of(
                "## Q4 pipeline\n\n**Acme** is at *Negotiate* with `$1.2M`; see [the deal](https://x.example/d).");

        assertThat(plain)
                .contains("Q4 pipeline")
                .contains("Acme is at Negotiate with $1.2M; see the deal (https://x.example/d).");
        assertThat(plain)
                .doesNotContain("**")
                .doesNotContain("##")
                .doesNotContain("`")
                .doesNotContain("](");
    }

    @Test
    void listItemsStayOnTheirOwnLines() {
        String plain = PlainText.of("Risks:\n\n- no champion\n- budget *unconfirmed*\n");

        assertThat(plain.lines()).contains("Risks:").anyMatch(l -> l.contains("no champion"));
        assertThat(plain).contains("budget unconfirmed").doesNotContain("*");
    }

    @Test
    void aBareLinkIsWrittenOnce() {
        assertThat(PlainText.of("See <https://x.example/d>")).isEqualTo("See https://x.example/d");
    }

    @Test
    void codeSpansKeepTheirTextAsIs() {
        assertThat(PlainText.of("Run `SELECT *` where `stage = 'Closed*'`"))
                .isEqualTo("Run SELECT * where stage = 'Closed*'");
    }
}
