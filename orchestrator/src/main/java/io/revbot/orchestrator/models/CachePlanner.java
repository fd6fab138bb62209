package io.revbot.orchestrator.models;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides where a request's cache points go, from the request's shape alone: after the system prompt (covering the
 * tools and the instructions), and after the conversation's history, the messages before the last user message that
 * is not a tool result (the question being answered). A point whose prefix is below the model family's minimum is
 * skipped and reported as such.
 *
 * <p>The rule is structural so that every request of a run and of a conversation puts its points at the same places:
 * the manager's later turns in a run read the history its first turn wrote. The next question of the thread puts its
 * history point two messages further on; Bedrock and Anthropic look about 20 content blocks back from a cache point
 * for a prefix already cached, so it reads the earlier history from the cache and writes only the last exchange.
 */
final class CachePlanner {
    private static final int CHARS_PER_TOKEN = 4;

    /** How a provider applies the minimum when a request has several cache points. */
    enum Rule {
        /**
         * Bedrock: "the first cache checkpoint can be defined after 1,024 tokens and the second after 2,048", i.e. the
         * n-th point needs n minimums of prefix.
         */
        NTH_POINT_NEEDS_N_MINIMUMS,
        /** Anthropic: every cached prefix needs the minimum. */
        EACH_PREFIX_NEEDS_MINIMUM;

        long required(int nth, int minimum) {
            return switch (this) {
                case NTH_POINT_NEEDS_N_MINIMUMS -> (long) nth * minimum;
                case EACH_PREFIX_NEEDS_MINIMUM -> minimum;
            };
        }
    }

    /** A message as the provider sends it: consecutive tool results travel as one user message. */
    enum Kind {
        USER,
        ASSISTANT,
        TOOL_RESULTS
    }

    private record Candidate(CachePoint.Position after, int message, long prefix) {}

    private CachePlanner() {}

    static CachePlan plan(ChatRequest request, String modelId, Rule rule) {
        CacheMinimums.Minimum minimum = CacheMinimums.of(modelId);
        List<Candidate> candidates = candidates(request);
        List<CachePoint> placed = new ArrayList<>();
        List<CachePoint> skipped = new ArrayList<>();
        for (Candidate c : candidates) {
            long required = rule.required(placed.size() + 1, minimum.tokens());
            if (c.prefix < required) {
                skipped.add(point(
                        c,
                        required,
                        String.format(
                                Locale.ROOT,
                                "prefix below the minimum: about %,d of %,d tokens (%s)",
                                c.prefix,
                                required,
                                minimum.family())));
            } else {
                placed.add(point(c, required, null));
            }
        }
        return new CachePlan(placed, skipped);
    }

    private static CachePoint point(Candidate c, long required, String reason) {
        return new CachePoint(c.after, c.message, c.prefix, required, reason);
    }

    private static List<Candidate> candidates(ChatRequest request) {
        long tools = 0;
        if (request.toolSpecifications() != null) {
            for (ToolSpecification spec : request.toolSpecifications()) {
                tools += tokens(spec.name())
                        + tokens(spec.description())
                        + (spec.parameters() == null
                                ? 0
                                : tokens(spec.parameters().toString()));
            }
        }
        long system = 0;
        boolean hasSystem = false;
        List<Kind> kinds = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message instanceof SystemMessage s) {
                hasSystem = true;
                system += tokens(s.text());
                continue;
            }
            Kind kind = kindOf(message);
            long size = tokensOf(message);
            int last = kinds.size() - 1;
            if (kind == Kind.TOOL_RESULTS && last >= 0 && kinds.get(last) == Kind.TOOL_RESULTS) {
                sizes.set(last, sizes.get(last) + size);
            } else {
                kinds.add(kind);
                sizes.add(size);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        long prefix = tools + system;
        if (hasSystem) {
            candidates.add(new Candidate(CachePoint.Position.TOOLS_AND_SYSTEM, -1, prefix));
        }
        int opening = kinds.lastIndexOf(Kind.USER);
        if (opening < 1) {
            return candidates;
        }
        for (int i = 0; i < opening; i++) {
            prefix += sizes.get(i);
        }
        candidates.add(new Candidate(CachePoint.Position.HISTORY, opening - 1, prefix));
        return candidates;
    }

    private static Kind kindOf(ChatMessage message) {
        return switch (message) {
            case UserMessage u -> Kind.USER;
            case AiMessage a -> Kind.ASSISTANT;
            case ToolExecutionResultMessage t -> Kind.TOOL_RESULTS;
            default -> throw new IllegalArgumentException("unsupported message type " + message.type());
        };
    }

    private static long tokensOf(ChatMessage message) {
        return switch (message) {
            case UserMessage u -> {
                long n = 0;
                for (Content content : u.contents()) {
                    n += content instanceof TextContent text ? tokens(text.text()) : 0;
                }
                yield n;
            }
            case AiMessage a -> {
                long n = tokens(a.text());
                if (a.hasToolExecutionRequests()) {
                    for (ToolExecutionRequest call : a.toolExecutionRequests()) {
                        n += tokens(call.name()) + tokens(call.arguments());
                    }
                }
                yield n;
            }
            case ToolExecutionResultMessage t -> tokens(t.text());
            default -> 0;
        };
    }

    static long tokens(String text) {
        return text == null ? 0 : (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
