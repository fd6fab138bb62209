package io.revbot.orchestrator.sessions;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.TokenWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.revbot.orchestrator.SessionId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The manager's memory of each conversation: the questions and final answers, never tool traffic (so a stored
 * conversation can never hold a tool use without its result), evicting the oldest messages beyond
 * {@code maxTokens}. Callers serialise work per session ({@link SessionLocks}).
 */
public final class SessionMemory {
    /** How long a conversation nobody continues is remembered, in every persistent store. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofDays(30);

    private final ChatMemoryStore store;
    private final int maxTokens;
    private final ApproximateTokenCounter counter = new ApproximateTokenCounter();

    public SessionMemory(ChatMemoryStore store, int maxTokens) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxTokens < 100) {
            throw new IllegalArgumentException("maxTokens must be at least 100");
        }
        this.maxTokens = maxTokens;
    }

    public static SessionMemory inMemory() {
        return new SessionMemory(new InMemoryChatMemoryStore(), 8_000);
    }

    /** Earlier questions and answers of the session, oldest first. */
    public List<ChatMessage> history(SessionId session) {
        return memory(session).messages();
    }

    public void remember(SessionId session, String question, String answer) {
        ChatMemory memory = memory(session);
        memory.add(UserMessage.from(question));
        memory.add(AiMessage.from(answer));
    }

    private ChatMemory memory(SessionId session) {
        return TokenWindowChatMemory.builder()
                .id(session.value())
                .maxTokens(maxTokens, counter)
                .chatMemoryStore(store)
                .build();
    }
}
