package io.revbot.agents;

/**
 * An agent spec is missing, unreadable or invalid. The message names the file and the field at fault; start-up
 * stops on it (the composition root turns it into a configuration error).
 */
public final class AgentSpecException extends RuntimeException {
    private final String file;

    public AgentSpecException(String file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public AgentSpecException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file at fault ({@code agents/deal_analysis/agent.yaml}). */
    public String file() {
        return file;
    }
}
