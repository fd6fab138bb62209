package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrkdwnRendererTest {
    private final MrkdwnRenderer renderer = new MrkdwnRenderer();

    private String render(String markdown) {
        return renderer.renderText(markdown);
    }

    @Test
    void bold_and_italics_use_slack_delimiters() {
        assertThat(render("**Acme** is _at risk_ and *slipping*")).isEqualTo("*Acme* is _at risk_ and _slipping_");
    }

    @Test
    void links_become_angle_bracket_links() {
        assertThat(render("See [the deal](https://crm.example.com/006A?x=1&y=2) or <https://example.com>"))
                .isEqualTo("See <https://crm.example.com/006A?x=1&y=2|the deal> or <https://example.com>");
    }

    @Test
    void headings_become_bold_lines() {
        assertThat(render("# Summary\n\nText")).isEqualTo("*Summary*\n\nText");
    }

    @Test
    void lists_become_bullets_and_numbers_with_nesting() {
        assertThat(render("- one\n- two\n  - two a\n\n1. first\n2. **second**"))
                .isEqualTo("• one\n• two\n   • two a\n\n1. first\n2. *second*");
    }

    @Test
    void code_keeps_its_fences_and_is_not_formatted() {
        assertThat(render("Run `select 1`:\n\n```sql\nselect **x** from t where a < 3\n```"))
                .isEqualTo("Run `select 1`:\n\n```\nselect **x** from t where a &lt; 3\n```");
    }

    @Test
    void slack_control_characters_are_escaped_in_text() {
        assertThat(render("ARR < $1M & churn > 5%")).isEqualTo("ARR &lt; $1M &amp; churn &gt; 5%");
    }

    @Test
    void a_table_becomes_a_code_block_with_aligned_columns() {
        String table = "| Account | ARR |\n|---|---:|\n| Acme | $1.2M |\n| Globex Corp | $300k |";
        assertThat(render(table))
                .isEqualTo("```\nAccount        ARR\n──────────────────\nAcme         $1.2M\nGlobex Corp  $300k\n```");
    }

    @Test
    void block_quotes_keep_their_marker() {
        assertThat(render("> The customer said **no**")).isEqualTo("> The customer said *no*");
    }

    @Test
    void top_level_blocks_are_returned_separately_for_splitting() {
        assertThat(renderer.render("One.\n\n- a\n- b\n\n```\ncode\n```"))
                .containsExactly("One.", "• a\n• b", "```\ncode\n```");
    }
}
