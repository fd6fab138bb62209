package io.revbot.bench.supervisor;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A stateless scripted model: the reply is a function of the request. Counts calls and the time spent inside the
 * model (reply function plus simulated latency), so the harness can subtract it and keep only orchestration time.
 */
final class BenchChatModel implements ChatModel {
    private static final TokenUsage USAGE = new TokenUsage(100, 20);

    private final Function<ChatRequest, AiMessage> script;
    private final Duration latency;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong nanosInside = new AtomicLong();

    BenchChatModel(Function<ChatRequest, AiMessage> script, Duration latency) {
        this.script = script;
        this.latency = latency;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        long start = System.nanoTime();
        try {
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            AiMessage message = script.apply(request);
            return ChatResponse.builder()
                    .aiMessage(message)
                    .tokenUsage(USAGE)
                    .finishReason(message.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            calls.incrementAndGet();
            nanosInside.addAndGet(System.nanoTime() - start);
        }
    }

    long calls() {
        return calls.get();
    }

    long nanosInside() {
        return nanosInside.get();
    }

    void reset() {
        calls.set(0);
        nanosInside.set(0);
    }
}
