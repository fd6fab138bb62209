package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.server.ServerComponentsAccess;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

/** The README promises deliveries retried for about an hour before the dead letter: the schedule keeps it. */
class DeliveryScheduleTest {

    @RepeatedTest(20)
    void theWaitsBetweenAllAttemptsOfADeliveryAddUpToAboutAnHour() {
        int attempts = ServerComponentsAccess.webhookDeliveryAttempts();
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < attempts; attempt++) {
            total = total.plus(WebhookDeliveryHandler.SCHEDULE.after(attempt));
        }
        assertThat(total).isBetween(Duration.ofMinutes(55), Duration.ofMinutes(80));
    }
}
