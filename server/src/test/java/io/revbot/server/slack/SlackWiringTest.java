package io.revbot.server.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.server.Components;
import io.revbot.server.config.Config;
import io.revbot.server.config.Settings;
import io.revbot.server.http.Routes;
import io.revbot.server.queue.JobKind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root mounts Slack and works its jobs exactly when a bot token is configured. */
class SlackWiringTest {
    @TempDir
    Path home;

    private Components components(Map<String, String> env) {
        var settings = new java.util.HashMap<>(env);
        settings.put("REVBOT_HOME", home.toString());
        return new Components(Config.from(Settings.of(settings)), Clock.systemUTC());
    }

    @Test
    void withABotTokenSlackIsMountedAtSlackAndItsEventsHaveAHandler() {
        try (Components c = components(
                Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "secret", "REVBOT_APPROVERS", "U1,U2"))) {
            assertThat(c.slackBot()).isPresent();
            assertThat(c.httpServices()).extracting(Routes.Mount::path).contains("/slack");
            assertThat(c.jobHandlers()).containsKey(JobKind.SLACK_EVENT);
        }
    }

    @Test
    void withoutABotTokenThereIsNoSlackEndpointAndNoHandler() {
        try (Components c = components(Map.of())) {
            assertThat(c.slackBot()).isEmpty();
            assertThat(c.httpServices()).extracting(Routes.Mount::path).doesNotContain("/slack");
            assertThat(c.jobHandlers()).doesNotContainKey(JobKind.SLACK_EVENT);
        }
    }
}
