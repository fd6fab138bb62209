package io.revbot.tools;

/** The operator's fault: a missing or malformed setting. Raised at start-up, never in the middle of a run. */
public final class ConfigurationException extends RevBotException {
    private final String key;

    public ConfigurationException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The configuration key (environment variable name) at fault. */
    public String key() {
        return key;
    }
}
