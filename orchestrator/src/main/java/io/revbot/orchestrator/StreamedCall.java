package io.revbot.orchestrator;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One streamed model call made blocking for the loop: the text goes to the {@link AnswerDraft} as it arrives, the
 * complete response is returned (or the provider's error thrown) on the calling thread, so retries, fallback, usage
 * and the token budget work as for a blocking call. An interrupted caller (a stopped run, a deadline) cancels the
 * stream.
 */
final class StreamedCall implements StreamingChatResponseHandler {
    private final AnswerDraft draft;
    private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    private volatile StreamingHandle handle;

    private StreamedCall(AnswerDraft draft) {
        this.draft = draft;
    }

    static ChatResponse chat(StreamingChatModel model, ChatRequest request, AnswerDraft draft) {
        StreamedCall call = new StreamedCall(draft);
        model.chat(request, call);
        return call.await();
    }

    private ChatResponse await() {
        try {
            return done.get();
        } catch (InterruptedException e) {
            StreamingHandle stream = handle;
            if (stream != null) {
                stream.cancel();
            }
            Thread.currentThread().interrupt();
            throw new RunException(FailureKind.CANCELLED, "the model call was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void onPartialResponse(String partial) {
        draft.text(partial);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle = context.streamingHandle();
        draft.text(partial.text());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial) {
        draft.toolCall();
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
        handle = context.streamingHandle();
        draft.toolCall();
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall toolCall) {
        draft.toolCall();
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }
}
