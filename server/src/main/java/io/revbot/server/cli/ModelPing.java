package io.revbot.server.cli;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * One tiny real call to a model, for {@code doctor}: a one-line prompt with a few output tokens at most, so it costs
 * next to nothing yet proves the endpoint, the credentials and the model id. Says how long it took, or exactly why it
 * failed.
 */
final class ModelPing {
    private static final int MAX_OUTPUT_TOKENS = 5;

    private ModelPing() {}

    /** The call's latency; throws what the provider threw. */
    static Duration ping(ChatModel model, String modelId) {
        long start = System.nanoTime();
        model.chat(ChatRequest.builder()
                .messages(UserMessage.from("Reply with the single word: ok"))
                .parameters(ChatRequestParameters.builder()
                        .modelName(modelId)
                        .maxOutputTokens(MAX_OUTPUT_TOKENS)
                        .build())
                .build());
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The failure in one line: "cannot connect to ENDPOINT: Connection refused" when nothing answers there, else the
     * provider's own message (and its cause's, when that says more).
     */
    static String failure(Throwable error, String endpoint) {
        Throwable root = error;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return "cannot connect to " + endpoint + ": " + message(t);
            }
            root = t;
        }
        String top = message(error);
        String cause = message(root);
        String line = root == error || top.contains(cause) ? top : top + " (" + cause + ")";
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.strip().lines().findFirst().orElse(m);
    }
}
