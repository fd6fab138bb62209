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
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake Amazon Bedrock Converse endpoint ({@code POST /model/{modelId}/converse}) for MockWebServer, driven through
 * the real AWS SDK. Answers are scripted per agent (recognised by a marker in the request's {@code system} text)
 * in the documented response shape: {@code output.message.content[]} with {@code text} or
 * {@code toolUse{toolUseId,name,input}}, {@code stopReason}, {@code usage}. Every request is recorded. Usage is a
 * fixed 120 tokens in and 30 out, or, after {@link #simulatePromptCache}, what Bedrock's prompt cache would report
 * for the request ({@link PromptCacheSimulation}). A model named in {@link #throttle} answers every request with
 * Bedrock's throttling error (HTTP 429, {@code ThrottlingException}).
 *
 * <p>The same scripts answer {@code POST /model/{modelId}/converse-stream} (Bedrock's ConverseStream, what the
 * streaming model calls) as an AWS event stream ({@link ConverseEventStream}) over the server's HTTP/1.1: text in
 * deltas of {@link #streaming} characters with a pause before each, so a test sees the answer arrive while the fake
 * is still writing. Point the real {@code BedrockRuntimeAsyncClient} at it with {@code Protocol.HTTP1_1}.
 */
public final class FakeConverse extends Dispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Deque<Function<JsonNode, ObjectNode>>> scripts = new LinkedHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger toolUseIds = new AtomicInteger();
    private final java.util.Set<String> throttled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile PromptCacheSimulation cache;
    private volatile int chunkChars = 16;
    private volatile java.time.Duration gap = java.time.Duration.ZERO;

    /** One request as the fake received it, and the usage it reported for it. */
    public record Received(String agent, String path, String authorization, JsonNode body, JsonNode usage) {}

    /** Reports usage from a simulated prompt cache whose points need {@code minimumTokens} each. */
    public FakeConverse simulatePromptCache(int minimumTokens) {
        this.cache = new PromptCacheSimulation(minimumTokens);
        return this;
    }

    /**
     * How ConverseStream answers write their text: deltas of {@code chunkChars} characters, each after a pause of
     * {@code gap} (a 600-character answer in deltas of 40 with 200 ms gaps takes 3 s to write).
     */
    public FakeConverse streaming(int chunkChars, java.time.Duration gap) {
        if (chunkChars < 1) {
            throw new IllegalArgumentException("chunkChars must be positive");
        }
        this.chunkChars = chunkChars;
        this.gap = java.util.Objects.requireNonNull(gap);
        return this;
    }

    /** Whether a recorded request was a ConverseStream call. */
    public static boolean streamed(Received request) {
        return request.path().endsWith("/converse-stream");
    }

    /** Every request for {@code modelId} is throttled from now on, as Bedrock does when a model's quota is used up. */
    public FakeConverse throttle(String modelId) {
        throttled.add(modelId);
        return this;
    }

    /** The model id of a recorded request, from its path ({@code /model/{modelId}/converse}). */
    public static String modelOf(Received request) {
        String path = request.path();
        int start = path.indexOf("/model/") + "/model/".length();
        int end = path.indexOf('/', start);
        return java.net.URLDecoder.decode(
                end < 0 ? path.substring(start) : path.substring(start, end), java.nio.charset.StandardCharsets.UTF_8);
    }

    public synchronized FakeConverse on(String marker, List<Function<JsonNode, ObjectNode>> replies) {
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
            return new MockResponse.Builder()
                    .code(400)
                    .body("{\"message\":\"bad json\"}")
                    .build();
        }
        String marker = markerOf(body);
        Received throttledRequest =
                new Received(marker, request.getTarget(), request.getHeaders().get("Authorization"), body, null);
        if (throttled.contains(modelOf(throttledRequest))) {
            received.add(throttledRequest);
            return new MockResponse.Builder()
                    .code(429)
                    .addHeader("Content-Type", "application/json")
                    .addHeader("x-amzn-ErrorType", "ThrottlingException")
                    .body("{\"message\":\"Too many requests, please wait before trying again.\"}")
                    .build();
        }
        Function<JsonNode, ObjectNode> reply;
        synchronized (this) {
            Deque<Function<JsonNode, ObjectNode>> queue = scripts.get(marker);
            reply = queue == null ? null : queue.poll();
        }
        if (reply == null) {
            received.add(new Received(
                    marker, request.getTarget(), request.getHeaders().get("Authorization"), body, null));
            return new MockResponse.Builder()
                    .code(400)
                    .addHeader("x-amzn-ErrorType", "ValidationException")
                    .body("{\"message\":\"no scripted reply for " + marker + "\"}")
                    .build();
        }
        ObjectNode answer = reply.apply(body);
        PromptCacheSimulation simulation = cache;
        if (simulation != null) {
            simulation.report(body, answer);
        }
        received.add(new Received(
                marker, request.getTarget(), request.getHeaders().get("Authorization"), body, answer.path("usage")));
        if (request.getTarget().endsWith("/converse-stream")) {
            return ConverseEventStream.of(answer, chunkChars, gap).respond("application/vnd.amazon.eventstream");
        }
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(answer.toString())
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
        return request -> response("end_turn", content -> content.addObject().put("text", text));
    }

    /** A final text answer built from the request (e.g. quoting the latest tool result). */
    public static Function<JsonNode, ObjectNode> textFrom(Function<JsonNode, String> text) {
        return request -> response("end_turn", content -> content.addObject().put("text", text.apply(request)));
    }

    /** One tool use; {@code inputJson} is the tool's arguments object. */
    public Function<JsonNode, ObjectNode> toolUse(String name, String inputJson) {
        return request -> response("tool_use", content -> {
            ObjectNode use = content.addObject().putObject("toolUse");
            use.put("toolUseId", "tooluse_" + toolUseIds.incrementAndGet());
            use.put("name", name);
            try {
                use.set("input", JSON.readTree(inputJson));
            } catch (IOException e) {
                throw new IllegalArgumentException("bad tool input JSON", e);
            }
        });
    }

    /** The text of the latest {@code toolResult} in a Converse request. */
    public static String lastToolResult(JsonNode request) {
        String last = null;
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                JsonNode result = block.get("toolResult");
                if (result != null) {
                    StringBuilder text = new StringBuilder();
                    result.path("content")
                            .forEach(c -> text.append(c.path("text").asText("")));
                    last = text.toString();
                }
            }
        }
        return last;
    }

    private static ObjectNode response(String stopReason, java.util.function.Consumer<ArrayNode> content) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("output").putObject("message");
        message.put("role", "assistant");
        content.accept(message.putArray("content"));
        root.put("stopReason", stopReason);
        ObjectNode usage = root.putObject("usage");
        usage.put("inputTokens", 120);
        usage.put("outputTokens", 30);
        usage.put("totalTokens", 150);
        root.putObject("metrics").put("latencyMs", 5);
        return root;
    }
}
