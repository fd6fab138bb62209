package io.revbot.orchestrator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake Anthropic Messages API ({@code POST /v1/messages}) for MockWebServer, driven through LangChain4j's
 * Anthropic client. Answers are scripted per agent (recognised by a marker in the request's {@code system} text) in
 * the documented response shape: {@code content[]} with {@code text} or {@code tool_use{id,name,input}},
 * {@code stop_reason}, {@code usage}. Every request is recorded with its headers' API key.
 *
 * <p>A request with {@code "stream": true} (LangChain4j's streaming model) gets the same answer as the Messages API's
 * server-sent events ({@code message_start}, {@code content_block_start}, {@code content_block_delta} with
 * {@code text_delta} or {@code input_json_delta}, {@code content_block_stop}, {@code message_delta},
 * {@code message_stop}), text in deltas of {@link #streaming} characters with a pause before each.
 */
public final class FakeMessages extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Deque<Function<JsonNode, ObjectNode>>> scripts = new LinkedHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int chunkChars = 16;
    private volatile java.time.Duration gap = java.time.Duration.ZERO;

    /** How streamed answers write their text: deltas of {@code chunkChars} characters, each after {@code gap}. */
    public FakeMessages streaming(int chunkChars, java.time.Duration gap) {
        this.chunkChars = chunkChars;
        this.gap = gap;
        return this;
    }

    /** One request as the fake received it. */
    public record Received(String agent, String path, String apiKey, JsonNode body) {}

    public synchronized FakeMessages on(String marker, List<Function<JsonNode, ObjectNode>> replies) {
        scripts.computeIfAbsent(marker, k -> new ArrayDeque<>()).addAll(replies);
        return this;
    }

    public List<Received> received() {
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
            return error(400, "invalid_request_error", "bad json");
        }
        String marker = markerOf(body);
        received.add(
                new Received(marker, request.getTarget(), request.getHeaders().get("x-api-key"), body));
        Function<JsonNode, ObjectNode> reply;
        synchronized (this) {
            Deque<Function<JsonNode, ObjectNode>> queue = scripts.get(marker);
            reply = queue == null ? null : queue.poll();
        }
        if (reply == null) {
            return error(400, "invalid_request_error", "no scripted reply for " + marker);
        }
        ObjectNode answer = reply.apply(body);
        if (body.path("stream").asBoolean(false)) {
            return stream(answer).respond("text/event-stream");
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(answer.toString())
                .build();
    }

    /** The answer as the Messages API streams it. */
    private PausedChunkedBody stream(ObjectNode answer) {
        java.time.Duration none = java.time.Duration.ZERO;
        List<PausedChunkedBody.Part> parts = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = answer.deepCopy();
        message.putArray("content");
        message.putNull("stop_reason");
        ((ObjectNode) message.path("usage")).put("output_tokens", 1);
        start.set("message", message);
        parts.add(event(none, "message_start", start));
        int index = 0;
        for (JsonNode block : answer.path("content")) {
            ObjectNode blockStart =
                    JSON.createObjectNode().put("type", "content_block_start").put("index", index);
            if (block.path("type").asText().equals("text")) {
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                parts.add(event(none, "content_block_start", blockStart));
                String text = block.path("text").asText();
                for (int i = 0; i < text.length(); i += chunkChars) {
                    ObjectNode delta = JSON.createObjectNode()
                            .put("type", "content_block_delta")
                            .put("index", index);
                    delta.putObject("delta")
                            .put("type", "text_delta")
                            .put("text", text.substring(i, Math.min(text.length(), i + chunkChars)));
                    parts.add(event(gap, "content_block_delta", delta));
                }
            } else {
                ObjectNode use = blockStart.putObject("content_block");
                use.put("type", "tool_use")
                        .put("id", block.path("id").asText())
                        .put("name", block.path("name").asText());
                use.putObject("input");
                parts.add(event(none, "content_block_start", blockStart));
                ObjectNode delta = JSON.createObjectNode()
                        .put("type", "content_block_delta")
                        .put("index", index);
                delta.putObject("delta")
                        .put("type", "input_json_delta")
                        .put("partial_json", block.path("input").toString());
                parts.add(event(none, "content_block_delta", delta));
            }
            parts.add(event(
                    none,
                    "content_block_stop",
                    JSON.createObjectNode().put("type", "content_block_stop").put("index", index)));
            index++;
        }
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta")
                .put("stop_reason", answer.path("stop_reason").asText())
                .putNull("stop_sequence");
        end.putObject("usage")
                .put("output_tokens", answer.path("usage").path("output_tokens").asInt());
        parts.add(event(none, "message_delta", end));
        parts.add(event(none, "message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return new PausedChunkedBody(parts);
    }

    private static PausedChunkedBody.Part event(java.time.Duration pause, String name, JsonNode data) {
        return PausedChunkedBody.Part.of(pause, PausedChunkedBody.sse(name, data.toString()));
    }

    private static MockResponse error(int code, String type, String message) {
        ObjectNode root = JSON.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(root.toString())
                .build();
    }

    private synchronized String markerOf(JsonNode body) {
        StringBuilder system = new StringBuilder();
        body.path("system").forEach(block -> system.append(block.path("text").asText("")));
        for (String marker : scripts.keySet()) {
            if (system.toString().contains(marker)) {
                return marker;
            }
        }
        return "<unknown agent>";
    }

    /** A final text answer. */
    public static Function<JsonNode, ObjectNode> text(String text) {
        return request -> response(
                request,
                "end_turn",
                content -> content.addObject().put("type", "text").put("text", text));
    }

    /** One tool use; {@code inputJson} is the tool's arguments object. */
    public Function<JsonNode, ObjectNode> toolUse(String name, String inputJson) {
        return request -> response(request, "tool_use", content -> {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", "toolu_" + ids.incrementAndGet());
            use.put("name", name);
            try {
                use.set("input", JSON.readTree(inputJson));
            } catch (IOException e) {
                throw new IllegalArgumentException("bad tool input JSON", e);
            }
        });
    }

    private static ObjectNode response(JsonNode request, String stopReason, Consumer<ArrayNode> content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_fake");
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", request.path("model").asText("claude"));
        content.accept(root.putArray("content"));
        root.put("stop_reason", stopReason);
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", 40);
        usage.put("output_tokens", 30);
        usage.put("cache_creation_input_tokens", 200);
        usage.put("cache_read_input_tokens", 1_500);
        return root;
    }
}
