package io.revbot.orchestrator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake OpenAI-compatible Chat Completions API ({@code POST /v1/chat/completions}, what Ollama and vLLM serve) for
 * MockWebServer, driven through LangChain4j's OpenAI client. Replies are queued in order: a text answer or one tool
 * call. A request with {@code "stream": true} gets the documented chunks as server-sent events ({@code data:} lines of
 * {@code chat.completion.chunk} objects: the role, the text in deltas of {@code chunkChars} with a pause before
 * each, or the tool call, then the finish reason, the usage chunk and {@code data: [DONE]}); otherwise one
 * {@code chat.completion}. Usage is 50 prompt tokens (10 of them cached) and 20 completion tokens.
 */
public final class FakeChatCompletions extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply: text, or a tool call with its arguments object. */
    public record Reply(String text, String tool, String argumentsJson) {
        public static Reply text(String text) {
            return new Reply(text, null, null);
        }

        public static Reply toolCall(String tool, String argumentsJson) {
            return new Reply(null, tool, argumentsJson);
        }
    }

    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
    private volatile int chunkChars = 16;
    private volatile Duration gap = Duration.ZERO;

    public synchronized FakeChatCompletions reply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    public FakeChatCompletions streaming(int chunkChars, Duration gap) {
        this.chunkChars = chunkChars;
        this.gap = gap;
        return this;
    }

    public List<JsonNode> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(
                    request.getBody() == null ? "{}" : request.getBody().utf8());
        } catch (IOException e) {
            return new MockResponse.Builder()
                    .code(400)
                    .body("{\"error\":{\"message\":\"bad json\"}}")
                    .build();
        }
        received.add(body);
        Reply reply;
        synchronized (this) {
            reply = replies.poll();
        }
        if (reply == null || !request.getTarget().endsWith("/chat/completions")) {
            return new MockResponse.Builder()
                    .code(400)
                    .addHeader("Content-Type", "application/json")
                    .body("{\"error\":{\"message\":\"no scripted reply\",\"type\":\"invalid_request_error\"}}")
                    .build();
        }
        String model = body.path("model").asText("llama3.1");
        if (body.path("stream").asBoolean(false)) {
            return stream(reply, model).respond("text/event-stream");
        }
        ObjectNode root = completion("chat.completion", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.text() != null) {
            message.put("content", reply.text());
            choice.put("finish_reason", "stop");
        } else {
            message.putNull("content");
            message.putArray("tool_calls").add(toolCall(reply, true));
            choice.put("finish_reason", "tool_calls");
        }
        root.set("usage", usage());
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(root.toString())
                .build();
    }

    private PausedChunkedBody stream(Reply reply, String model) {
        List<PausedChunkedBody.Part> parts = new ArrayList<>();
        ObjectNode first = completion("chat.completion.chunk", model);
        first.putArray("choices")
                .addObject()
                .put("index", 0)
                .putNull("finish_reason")
                .putObject("delta")
                .put("role", "assistant")
                .put("content", "");
        parts.add(chunk(Duration.ZERO, first));
        if (reply.text() != null) {
            String text = reply.text();
            for (int i = 0; i < text.length(); i += chunkChars) {
                ObjectNode delta = completion("chat.completion.chunk", model);
                delta.putArray("choices")
                        .addObject()
                        .put("index", 0)
                        .putNull("finish_reason")
                        .putObject("delta")
                        .put("content", text.substring(i, Math.min(text.length(), i + chunkChars)));
                parts.add(chunk(gap, delta));
            }
        } else {
            ObjectNode call = completion("chat.completion.chunk", model);
            ObjectNode choice =
                    call.putArray("choices").addObject().put("index", 0).putNull("finish_reason");
            choice.putObject("delta").putArray("tool_calls").add(toolCall(reply, false));
            parts.add(chunk(Duration.ZERO, call));
        }
        ObjectNode finish = completion("chat.completion.chunk", model);
        finish.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", reply.text() != null ? "stop" : "tool_calls")
                .putObject("delta");
        parts.add(chunk(Duration.ZERO, finish));
        ObjectNode usage = completion("chat.completion.chunk", model);
        usage.putArray("choices");
        usage.set("usage", usage());
        parts.add(chunk(Duration.ZERO, usage));
        parts.add(PausedChunkedBody.Part.of(Duration.ZERO, PausedChunkedBody.sse(null, "[DONE]")));
        return new PausedChunkedBody(parts);
    }

    private static PausedChunkedBody.Part chunk(Duration pause, JsonNode data) {
        return PausedChunkedBody.Part.of(pause, PausedChunkedBody.sse(null, data.toString()));
    }

    private static ObjectNode completion(String object, String model) {
        return JSON.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", object)
                .put("created", 1_767_000_000L)
                .put("model", model);
    }

    private static ObjectNode toolCall(Reply reply, boolean whole) {
        ObjectNode call = JSON.createObjectNode();
        if (!whole) {
            call.put("index", 0);
        }
        call.put("id", "call_fake_1").put("type", "function");
        call.putObject("function").put("name", reply.tool()).put("arguments", reply.argumentsJson());
        return call;
    }

    private static ObjectNode usage() {
        ObjectNode usage = JSON.createObjectNode()
                .put("prompt_tokens", 50)
                .put("completion_tokens", 20)
                .put("total_tokens", 70);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 10);
        return usage;
    }
}
