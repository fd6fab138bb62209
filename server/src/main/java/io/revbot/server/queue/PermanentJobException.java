package io.revbot.server.queue;

/**
 * The job can never succeed (a malformed payload, a refused URL, a 4xx from the receiver): it goes to the dead
 * letter at once instead of being retried.
 */
public final class PermanentJobException extends Exception {
    public PermanentJobException(String message) {
        super(message);
    }

    public PermanentJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
