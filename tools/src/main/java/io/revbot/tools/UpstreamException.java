package io.revbot.tools;

/** An outside system (warehouse, CRM, Gong, search, model provider) failed. {@link #retriable()} says if trying again may help. */
public class UpstreamException extends RevBotException {
    private final String system;
    private final boolean retriable;

    public UpstreamException(String system, String message, boolean retriable) {
        super(system + ": " + message);
        this.system = system;
        this.retriable = retriable;
    }

    public UpstreamException(String system, String message, boolean retriable, Throwable cause) {
        super(system + ": " + message, cause);
        this.system = system;
        this.retriable = retriable;
    }

    public String system() {
        return system;
    }

    public boolean retriable() {
        return retriable;
    }
}
