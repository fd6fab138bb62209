package io.revbot.tools;

/**
 * A tool could not do what the model asked (bad argument, refused SQL, unknown deal). The agent runtime hands the
 * message to the model as the tool's result so it can correct itself; it never crashes the run.
 */
public class ToolException extends RevBotException {
    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
