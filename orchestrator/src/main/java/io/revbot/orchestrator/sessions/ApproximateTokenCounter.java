package io.revbot.orchestrator.sessions;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * Tokens estimated as one per four characters plus a few per message: close enough for Claude's tokenizer to bound
 * a memory window, and no provider exposes its tokenizer locally.
 */
final class ApproximateTokenCounter implements TokenCountEstimator {
    private static final int PER_MESSAGE = 4;

    @Override
    public int estimateTokenCountInText(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        String text = switch (message) {
            case UserMessage u -> u.hasSingleText() ? u.singleText() : String.valueOf(u.contents());
            case AiMessage a -> a.text() == null ? String.valueOf(a.toolExecutionRequests()) : a.text();
            case SystemMessage s -> s.text();
            case ToolExecutionResultMessage t -> t.text();
            default -> String.valueOf(message);
        };
        return PER_MESSAGE + estimateTokenCountInText(text);
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage m : messages) {
            total += estimateTokenCountInMessage(m);
        }
        return total;
    }
}
