package io.revbot.orchestrator.testing;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.bedrock.BedrockTokenUsage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A chat model that plays a script, for tests of anything that talks to a model. Replies are queued per agent; an
 * agent is recognised by a marker its system prompt contains (e.g. its instructions' first line). Every request is
 * recorded, so tests assert on what the model was sent. Thread-safe: concurrent agents take from their own queues.
 *
 * <pre>{@code
 * ScriptedChatModel model = new ScriptedChatModel()
 *     .on("You are the manager", Reply.tools(Reply.call("ask_data", "{\"request\":\"pipeline?\"}")), Reply.text("Done"))
 *     .on("You are the data agent", Reply.text("Pipeline is $1.2M"));
 * }</pre>
 */
public final class ScriptedChatModel implements ChatModel {
    private final Map<String, Deque<Reply>> scripts = new LinkedHashMap<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger callIds = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;
    private volatile TokenUsage usagePerCall = new TokenUsage(100, 20);

    /** One request as the model received it, with the marker of the agent that sent it. */
    public record Recorded(String agent, ChatRequest request) {}

    /** Queues replies for the agent whose system prompt contains {@code marker}. */
    public synchronized ScriptedChatModel on(String marker, Reply... replies) {
        scripts.computeIfAbsent(marker, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /** Sleeps this long in every call, before replying (simulated model latency). */
    public ScriptedChatModel latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** The token usage every reply reports. */
    public ScriptedChatModel usagePerCall(int input, int output) {
        this.usagePerCall = new TokenUsage(input, output);
        return this;
    }

    /** The token usage every reply reports, with prompt-cache reads and writes as Bedrock reports them. */
    public ScriptedChatModel usagePerCall(int input, int output, int cacheRead, int cacheWrite) {
        this.usagePerCall = BedrockTokenUsage.builder()
                .inputTokenCount(input)
                .outputTokenCount(output)
                .cacheReadInputTokens(cacheRead)
                .cacheWriteInputTokens(cacheWrite)
                .build();
        return this;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<ChatRequest> requestsOf(String marker) {
        return requests().stream()
                .filter(r -> r.agent().equals(marker))
                .map(Recorded::request)
                .toList();
    }

    /** Replies not consumed yet, per marker (a finished test usually expects none). */
    public synchronized Map<String, Integer> unplayed() {
        Map<String, Integer> out = new LinkedHashMap<>();
        scripts.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.size());
            }
        });
        return out;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String marker = markerOf(request);
        requests.add(new Recorded(marker, request));
        Reply reply;
        synchronized (this) {
            Deque<Reply> queue = scripts.get(marker);
            reply = queue == null ? null : queue.poll();
        }
        if (reply == null) {
            throw new AssertionError("no scripted reply left for agent '" + marker + "'");
        }
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException("interrupted", e);
            }
        }
        AiMessage message = reply.produce(request, this);
        return ChatResponse.builder()
                .aiMessage(message)
                .tokenUsage(usagePerCall)
                .modelName(Optional.ofNullable(request.parameters().modelName()).orElse("scripted"))
                .finishReason(message.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .build();
    }

    private synchronized String markerOf(ChatRequest request) {
        String system = request.messages().stream()
                .filter(m -> m instanceof SystemMessage)
                .map(m -> ((SystemMessage) m).text())
                .findFirst()
                .orElse("");
        for (String marker : scripts.keySet()) {
            if (system.contains(marker)) {
                return marker;
            }
        }
        return "<no marker matched system prompt: " + abbreviate(system) + ">";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    String nextCallId() {
        return "call-" + callIds.incrementAndGet();
    }

    /** What the model does on one call. */
    @FunctionalInterface
    public interface Reply {
        AiMessage produce(ChatRequest request, ScriptedChatModel model);

        static Reply text(String text) {
            return (request, model) -> AiMessage.from(text);
        }

        /** Tool calls (several = parallel tool use in one turn). */
        static Reply tools(ToolCall... calls) {
            return (request, model) -> {
                List<ToolExecutionRequest> requests = new ArrayList<>();
                for (ToolCall call : calls) {
                    requests.add(ToolExecutionRequest.builder()
                            .id(model.nextCallId())
                            .name(call.name())
                            .arguments(call.argumentsJson())
                            .build());
                }
                return AiMessage.from(requests);
            };
        }

        static ToolCall call(String name, String argumentsJson) {
            return new ToolCall(name, argumentsJson);
        }

        /** Throws instead of answering (throttling, 5xx, timeouts). */
        static Reply fail(RuntimeException error) {
            return (request, model) -> {
                throw error;
            };
        }

        /** A reply computed from the request (e.g. quoting the last tool result). */
        static Reply from(Function<ChatRequest, AiMessage> function) {
            return (request, model) -> function.apply(request);
        }

        /** Runs {@code before} (e.g. waiting on a barrier), then replies. */
        static Reply after(Runnable before, Reply then) {
            return (request, model) -> {
                before.run();
                return then.produce(request, model);
            };
        }
    }

    public record ToolCall(String name, String argumentsJson) {}

    /** The text of the last message of a request (the latest tool result or user message). */
    public static String lastMessageText(ChatRequest request) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        return switch (last) {
            case dev.langchain4j.data.message.ToolExecutionResultMessage t -> t.text();
            case dev.langchain4j.data.message.UserMessage u -> u.singleText();
            case AiMessage a -> a.text();
            default -> String.valueOf(last);
        };
    }
}
