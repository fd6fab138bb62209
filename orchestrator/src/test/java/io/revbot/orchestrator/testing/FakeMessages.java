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
 */
public final class FakeMessages extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Deque<Function<JsonNode, ObjectNode>>> scripts = new LinkedHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

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
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(reply.apply(body).toString())
                .build();
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
