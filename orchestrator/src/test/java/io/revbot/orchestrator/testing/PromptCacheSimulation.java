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
 * 1,024 tokens, the second after 2,048). A counted point whose exact prefix was written before is a cache read;
 * everything up to the last counted point that was not read is written; what follows it is uncached input. Entries
 * never expire (a test or benchmark runs well within the five-minute lifetime), and there is no look-back for a
 * shorter cached prefix: only the exact prefix of a cache point is found.
 */
public final class PromptCacheSimulation {
    private final int minimumTokens;
    private final Set<String> written = new HashSet<>();

    /** The figures of one request. */
    public record Usage(long input, long cacheRead, long cacheWrite, long output) {
        public long inputSent() {
            return input + cacheRead + cacheWrite;
        }
    }

    private record Point(long prefixTokens, String key) {}

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
        List<Point> counted = new ArrayList<>();
        for (Point point : prefix.points) {
            if (point.prefixTokens >= (long) (counted.size() + 1) * minimumTokens) {
                counted.add(point);
                last = point.prefixTokens;
                if (written.contains(point.key)) {
                    read = point.prefixTokens;
                }
            }
        }
        counted.forEach(p -> written.add(p.key));
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
        final List<Point> points = new ArrayList<>();
        long tokens;

        void add(String role, JsonNode block) {
            if (block.has("cachePoint")) {
                try {
                    MessageDigest copy = (MessageDigest) digest.clone();
                    points.add(new Point(tokens, HexFormat.of().formatHex(copy.digest())));
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException(e);
                }
                return;
            }
            String text = block.toString();
            digest.update((role + ":" + text + "\n").getBytes(StandardCharsets.UTF_8));
            tokens += tokens(text);
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
