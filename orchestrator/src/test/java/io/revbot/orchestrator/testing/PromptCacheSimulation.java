package io.revbot.orchestrator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Bedrock's prompt cache as {@link FakeConverse} models it, to report the usage a Converse request would have: the
 * prompt is the tool definitions, then the system blocks, then each message's blocks, in order, at one token per
 * four characters of each block's JSON; a {@code cachePoint} block marks the end of a prefix. The n-th cache point
 * of a request counts only when its prefix holds n × the minimum (AWS's documented example: the first point after
 * 1,024 tokens, the second after 2,048). A counted point writes its prefix to the cache; it reads the longest
 * prefix already written that ends at it or at one of the {@value #LOOK_BACK} content blocks before it (Claude's
 * documented look-back, on Bedrock and on Anthropic's API). Everything up to the last counted point that was not
 * read is written; what follows it is uncached input. Entries never expire (a test or benchmark runs well within
 * the five-minute lifetime).
 */
public final class PromptCacheSimulation {
    static final int LOOK_BACK = 20;
    private final int minimumTokens;
    private final Set<String> written = new HashSet<>();

    /** The figures of one request. */
    public record Usage(long input, long cacheRead, long cacheWrite, long output) {
        public long inputSent() {
            return input + cacheRead + cacheWrite;
        }
    }

    /** The prompt up to the end of one content block. */
    private record Boundary(long prefixTokens, String key) {}

    /** A cache point: the boundary it follows. */
    private record Point(int boundary) {}

    public PromptCacheSimulation(int minimumTokens) {
        this.minimumTokens = minimumTokens;
    }

    /** The usage of {@code request} answered with {@code reply}, recording what it writes to the cache. */
    public synchronized Usage usage(JsonNode request, JsonNode reply) {
        Prefix prefix = new Prefix();
        for (JsonNode tool : request.path("toolConfig").path("tools")) {
            prefix.add("tool", tool);
        }
        for (JsonNode block : request.path("system")) {
            prefix.add("system", block);
        }
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText();
            for (JsonNode block : message.path("content")) {
                prefix.add(role, block);
            }
        }
        long read = 0;
        long last = 0;
        List<Boundary> counted = new ArrayList<>();
        for (Point point : prefix.points) {
            Boundary at = prefix.boundaries.get(point.boundary);
            if (at.prefixTokens >= (long) (counted.size() + 1) * minimumTokens) {
                counted.add(at);
                last = at.prefixTokens;
                for (int b = point.boundary; b >= Math.max(0, point.boundary - LOOK_BACK); b--) {
                    Boundary earlier = prefix.boundaries.get(b);
                    if (written.contains(earlier.key)) {
                        read = Math.max(read, earlier.prefixTokens);
                        break;
                    }
                }
            }
        }
        counted.forEach(b -> written.add(b.key));
        long output = 0;
        for (JsonNode block : reply.path("output").path("message").path("content")) {
            output += tokens(block.toString());
        }
        return new Usage(prefix.tokens - last, read, last - read, output);
    }

    /** Puts the usage of {@code request} into {@code reply} in Converse's shape. */
    public ObjectNode report(JsonNode request, ObjectNode reply) {
        Usage u = usage(request, reply);
        ObjectNode usage = reply.putObject("usage");
        usage.put("inputTokens", u.input);
        usage.put("outputTokens", u.output);
        usage.put("cacheReadInputTokens", u.cacheRead);
        usage.put("cacheWriteInputTokens", u.cacheWrite);
        usage.put("totalTokens", u.inputSent() + u.output);
        return reply;
    }

    private static long tokens(String text) {
        return (text.length() + 3) / 4;
    }

    private static final class Prefix {
        final MessageDigest digest = sha256();
        final List<Boundary> boundaries = new ArrayList<>();
        final List<Point> points = new ArrayList<>();
        long tokens;

        void add(String role, JsonNode block) {
            if (block.has("cachePoint")) {
                if (!boundaries.isEmpty()) {
                    points.add(new Point(boundaries.size() - 1));
                }
                return;
            }
            String text = block.toString();
            digest.update((role + ":" + text + "\n").getBytes(StandardCharsets.UTF_8));
            tokens += tokens(text);
            try {
                MessageDigest copy = (MessageDigest) digest.clone();
                boundaries.add(new Boundary(tokens, HexFormat.of().formatHex(copy.digest())));
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
