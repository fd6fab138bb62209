package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.Secret;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StandardWebhooksSecretTest {
    static Secret whsec(int bytes) {
        return Secret.of("whsec_" + Base64.getEncoder().encodeToString(new byte[bytes]));
    }

    @Test
    void aWhsecPrefixedBase64KeyOf24To64BytesIsAccepted() {
        assertThat(StandardWebhooksSecret.keyBytes(whsec(24))).isEqualTo(24);
        assertThat(StandardWebhooksSecret.keyBytes(whsec(64))).isEqualTo(64);
        assertThat(StandardWebhooksSecret.keyBytes(Secret.of(WebhookFixture.SIGNING_SECRET)))
                .isEqualTo(24);
    }

    @Test
    void eachMalformedSecretIsRefusedSayingWhatIsWrongWithoutShowingIt() {
        assertThatThrownBy(() -> StandardWebhooksSecret.keyBytes(Secret.of("hunter2-hunter2-hunter2-hunter2")))
                .hasMessageContaining("does not start with whsec_")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StandardWebhooksSecret.keyBytes(Secret.of("whsec_not*base64!")))
                .hasMessageContaining("not base64")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> StandardWebhooksSecret.keyBytes(whsec(8))).hasMessageContaining("8 bytes");
        assertThatThrownBy(() -> StandardWebhooksSecret.keyBytes(whsec(65))).hasMessageContaining("65 bytes");
    }
}
