package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrkdwnRendererTest {
    private final MrkdwnRenderer renderer = new MrkdwnRenderer();

    private String render(String markdown) {
        return renderer.renderText(markdown);
    }

    @Test
    void boldAndItalicsUseSlackDelimiters() {
        assertThat(render("**Acme** is _at risk_ and *slipping*")).isEqualTo("*Acme* is _at risk_ and _slipping_");
    }

    @Test
    void linksBecomeAngleBracketLinks() {
        assertThat(render("See [the deal](https://crm.example.com/006A?x=1&y=2) or <https://example.com>"))
                .isEqualTo("See <https://crm.example.com/006A?x=1&y=2|the deal> or <https://example.com>");
    }

    @Test
    void headingsBecomeBoldLines() {
        assertThat(render("# Summary\n\nText")).isEqualTo("*Summary*\n\nText");
    }

    @Test
    void listsBecomeBulletsAndNumbersWithNesting() {
        assertThat(render("- one\n- two\n  - two a\n\n1. first\n2. **second**"))
                .isEqualTo("• one\n• two\n   • two a\n\n1. first\n2. *second*");
    }

    @Test
    void codeKeepsItsFencesAndIsNotFormatted() {
        assertThat(render("Run `select 1`:\n\n```sql\nselect **x** from t where a < 3\n```"))
                .isEqualTo("Run `select 1`:\n\n```\nselect **x** from t where a &lt; 3\n```");
    }

    @Test
    void slackControlCharactersAreEscapedInText() {
        assertThat(render("ARR < $1M & churn > 5%")).isEqualTo("ARR &lt; $1M &amp; churn &gt; 5%");
    }

    @Test
    void aTableBecomesACodeBlockWithAlignedColumns() {
        String table = "| Account | ARR |\n|---|---:|\n| Acme | $1.2M |\n| Globex Corp | $300k |";
        assertThat(render(table))
                .isEqualTo("```\nAccount        ARR\n──────────────────\nAcme         $1.2M\nGlobex Corp  $300k\n```");
    }

    @Test
    void blockQuotesKeepTheirMarker() {
        assertThat(render("> The customer said **no**")).isEqualTo("> The customer said *no*");
    }

    @Test
    void topLevelBlocksAreReturnedSeparatelyForSplitting() {
        assertThat(renderer.render("One.\n\n- a\n- b\n\n```\ncode\n```"))
                .containsExactly("One.", "• a\n• b", "```\ncode\n```");
    }
}
