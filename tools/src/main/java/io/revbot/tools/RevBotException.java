package io.revbot.tools;

/**
 * Root of RevBot's exceptions. Each subclass says whose fault a failure is, so the edges (CLI, Slack, webhook API)
 * can map it to an exit code, an HTTP status or a polite message in one place.
 */
public abstract class RevBotException extends RuntimeException {
    protected RevBotException(String message) {
        super(message);
    }

    protected RevBotException(String message, Throwable cause) {
        super(message, cause);
    }
}
