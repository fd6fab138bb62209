package io.revbot.server.queue;

import java.util.Objects;

/**
 * The job can never succeed (a malformed payload, a refused URL, a 4xx from the receiver): it goes to the dead
 * letter at once instead of being retried. {@link #code()} says why in a word the job's requester can act on
 * ({@code turn_limit}, {@code invalid_url}); it is stored with the job beside the message.
 */
public final class PermanentJobException extends Exception {
    /** The code of failures that name none. */
    public static final String DEFAULT_CODE = "failed";

    private final String code;

    public PermanentJobException(String message) {
        this(DEFAULT_CODE, message, null);
    }

    public PermanentJobException(String message, Throwable cause) {
        this(DEFAULT_CODE, message, cause);
    }

    public PermanentJobException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
