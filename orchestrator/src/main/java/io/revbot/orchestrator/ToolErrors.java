package io.revbot.orchestrator;

import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import io.revbot.tools.ToolException;
import io.revbot.tools.UpstreamException;
import java.lang.reflect.InvocationTargetException;

/**
 * What the model reads when a tool fails: enough to correct itself, never a stack trace. Also what an MCP client reads
 * in an error result when one of RevBot's tools fails for it.
 */
public final class ToolErrors {
    private ToolErrors() {}

    public static String messageFor(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof ToolException) {
            return t.getMessage();
        }
        if (t instanceof UpstreamException up) {
            return up.getMessage() + (up.retriable() ? " (temporary; you may try once more)" : "");
        }
        if (error instanceof ToolArgumentsException || t instanceof IllegalArgumentException) {
            return "Invalid arguments: "
                    + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())
                    + ". Check the parameter names and types and call the tool again.";
        }
        return "The tool failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof ToolExecutionException
                        || t instanceof ToolArgumentsException
                        || t instanceof InvocationTargetException)
                && t.getCause() != null
                && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
