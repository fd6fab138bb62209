package io.revbot.server.slack;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.Locale;

/**
 * The {@code slack} check of {@code /observe/health} with Socket Mode: {@code state} is {@code ok} when connected and
 * {@code degraded} while (re)connecting ({@code connection}: {@code connecting} or {@code reconnecting}, with the
 * attempts failed in a row). It stays UP: the server still answers webhooks and Slack's HTTP events meanwhile, and
 * restarting it would not reach Slack any sooner. The last error is in the server log, not here (the check is open).
 */
final class SocketModeHealthCheck implements HealthCheck {
    private final SlackSocketMode socketMode;

    SocketModeHealthCheck(SlackSocketMode socketMode) {
        this.socketMode = socketMode;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public HealthCheckResponse call() {
        SlackSocketMode.Status s = socketMode.status();
        return HealthCheckResponse.builder()
                .status(true)
                .detail("mode", "socket")
                .detail("state", s.state() == SlackSocketMode.State.CONNECTED ? "ok" : "degraded")
                .detail("connection", s.state().name().toLowerCase(Locale.ROOT))
                .detail("failedAttempts", s.failedAttempts())
                .build();
    }
}
