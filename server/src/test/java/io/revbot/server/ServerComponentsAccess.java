package io.revbot.server;

/** What tests in other packages read of the composition root's constants. */
public final class ServerComponentsAccess {
    private ServerComponentsAccess() {}

    public static java.time.Duration shutdownGrace() {
        return ServerComponents.SHUTDOWN_GRACE;
    }

    public static int webhookDeliveryAttempts() {
        return ServerComponents.WEBHOOK_DELIVERY_ATTEMPTS;
    }
}
