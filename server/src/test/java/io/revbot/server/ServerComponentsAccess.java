package io.revbot.server;

/** What tests in other packages read of the composition root's constants. */
public final class ServerComponentsAccess {
    private ServerComponentsAccess() {}

    public static int webhookDeliveryAttempts() {
        return ServerComponents.WEBHOOK_DELIVERY_ATTEMPTS;
    }
}
