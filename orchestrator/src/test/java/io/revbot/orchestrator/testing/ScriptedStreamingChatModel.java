package io.revbot.orchestrator.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The streaming twin of a {@link ScriptedChatModel}: plays the same script, writing a reply's text in fragments of
 * {@code chunkChars} with a pause before each, on a thread of its own as a provider's client does, then its tool
 * calls and the complete response. Records the system prompt of every call it streamed.
 */
public final class ScriptedStreamingChatModel implements StreamingChatModel {
    private final ScriptedChatModel script;
    private final int chunkChars;
    private final Duration gap;
    private final List<String> streamed = Collections.synchronizedList(new ArrayList<>());

    public ScriptedStreamingChatModel(ScriptedChatModel script, int chunkChars, Duration gap) {
        this.script = script;
        this.chunkChars = chunkChars;
        this.gap = gap;
    }

    /** The system prompts of the calls that went through this model, in order. */
    public List<String> streamedSystemPrompts() {
        synchronized (streamed) {
            return List.copyOf(streamed);
        }
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        streamed.add(request.messages().stream()
                .filter(m -> m instanceof SystemMessage)
                .map(m -> ((SystemMessage) m).text())
                .findFirst()
                .orElse(""));
        Thread.ofVirtual().name("scripted-stream").start(() -> {
            try {
                ChatResponse response = script.chat(request);
                String text = response.aiMessage().text();
                if (text != null) {
                    for (int i = 0; i < text.length(); i += chunkChars) {
                        Thread.sleep(gap.toMillis());
                        handler.onPartialResponse(text.substring(i, Math.min(text.length(), i + chunkChars)));
                    }
                }
                if (response.aiMessage().hasToolExecutionRequests()) {
                    List<ToolExecutionRequest> calls = response.aiMessage().toolExecutionRequests();
                    for (int i = 0; i < calls.size(); i++) {
                        handler.onCompleteToolCall(new CompleteToolCall(i, calls.get(i)));
                    }
                }
                handler.onCompleteResponse(response);
            } catch (InterruptedException e) {
                handler.onError(e);
            } catch (RuntimeException | AssertionError e) {
                handler.onError(e);
            }
        });
    }
}
