package io.revbot.server.webhook;

/**
 * A refused webhook call, with the HTTP status and the machine-readable code of the error body
 * {@code {"success": false, "error": {"code", "message"}}}. The message is safe to show to the caller.
 */
final class WebhookApiException extends RuntimeException {
    private final int status;
    private final String code;

    WebhookApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static WebhookApiException badRequest(String code, String message) {
        return new WebhookApiException(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
