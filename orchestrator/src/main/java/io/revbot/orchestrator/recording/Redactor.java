package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.revbot.tools.Secret;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and agent instructions from every string of an export before it is written. Three layers:
 * the configured credentials themselves (exact match), patterns of well-known credential shapes (AWS access keys,
 * Slack tokens, bearer tokens, API keys, private keys), and, defensively, the agents' instruction texts (run events
 * never carry system prompts; this filter catches a tool or model echoing one). Each removal is counted by kind;
 * a non-zero count lowers the quality score, because it means something sensitive reached a model or a tool result.
 */
public final class Redactor {

    /** How many removals of each kind, e.g. {@code {"aws_access_key": 1, "configured_secret": 2}}. */
    public record Hits(Map<String, Integer> byKind) {
        public Hits {
            byKind = Map.copyOf(byKind);
        }

        public int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private record Rule(String kind, Pattern pattern, String replacement) {}

    private static final List<Rule> PATTERNS = List.of(
            new Rule(
                    "private_key",
                    Pattern.compile(
                            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)",
                            Pattern.DOTALL),
                    "[REDACTED:private_key]"),
            new Rule("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "[REDACTED:aws_access_key]"),
            new Rule(
                    "aws_secret_key",
                    Pattern.compile(
                            "(?i)(aws_secret_access_key|secretaccesskey)(\"?\\s*[:=]\\s*\"?)[A-Za-z0-9/+=]{30,}"),
                    "$1$2[REDACTED:aws_secret_key]"),
            new Rule("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{6,}"), "[REDACTED:slack_token]"),
            new Rule("slack_app_token", Pattern.compile("\\bxapp-[A-Za-z0-9-]{6,}"), "[REDACTED:slack_token]"),
            new Rule(
                    "bearer_token",
                    Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}"),
                    "$1 [REDACTED:bearer_token]"),
            new Rule("api_key", Pattern.compile("\\bsk-(?:ant-)?[A-Za-z0-9_-]{16,}"), "[REDACTED:api_key]"));

    /** Instructions shorter than this are not matched (they would collide with ordinary text). */
    private static final int MIN_INSTRUCTION_PROBE = 80;

    private final List<Secret> secrets;
    private final List<String> instructionProbes;

    /**
     * @param secrets every configured credential (tokens, keys, signing secrets); values shorter than 6 characters
     *     are ignored because replacing them would shred ordinary text
     * @param instructions the agents' instruction texts (system prompts), if the caller has them
     */
    public Redactor(List<Secret> secrets, List<String> instructions) {
        this.secrets = secrets.stream().filter(s -> s.reveal().length() >= 6).toList();
        List<String> probes = new ArrayList<>();
        for (String text : instructions) {
            // Probe with a few paragraphs of each prompt: an echo of the prompt contains at least one of them.
            for (String paragraph : text.split("\\n\\s*\\n")) {
                String p = paragraph.strip();
                if (p.length() >= MIN_INSTRUCTION_PROBE) {
                    probes.add(p);
                }
            }
        }
        this.instructionProbes = List.copyOf(probes);
    }

    public static Redactor patternsOnly() {
        return new Redactor(List.of(), List.of());
    }

    /** Redacts {@code tree} in place; returns the removals. */
    public Hits redact(JsonNode tree) {
        Map<String, Integer> hits = new TreeMap<>();
        walk(tree, hits);
        return new Hits(hits);
    }

    /** Redacts one string, adding to {@code hits}. */
    String redact(String text, Map<String, Integer> hits) {
        String out = text;
        for (String probe : instructionProbes) {
            if (out.contains(probe)) {
                out = out.replace(probe, "[REDACTED:instructions]");
                hits.merge("instructions", 1, Integer::sum);
            }
        }
        for (Secret secret : secrets) {
            String value = secret.reveal();
            if (out.contains(value)) {
                out = out.replace(value, "[REDACTED:secret]");
                hits.merge("configured_secret", 1, Integer::sum);
            }
        }
        for (Rule rule : PATTERNS) {
            Matcher m = rule.pattern.matcher(out);
            if (m.find()) {
                StringBuilder sb = new StringBuilder();
                m.reset();
                int n = 0;
                while (m.find()) {
                    m.appendReplacement(sb, rule.replacement);
                    n++;
                }
                m.appendTail(sb);
                out = sb.toString();
                hits.merge(rule.kind, n, Integer::sum);
            }
        }
        return out;
    }

    private void walk(JsonNode node, Map<String, Integer> hits) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                if (e.getValue().isTextual()) {
                    String before = e.getValue().textValue();
                    String after = redact(before, hits);
                    if (!after.equals(before)) {
                        object.set(e.getKey(), TextNode.valueOf(after));
                    }
                } else {
                    walk(e.getValue(), hits);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    String after = redact(child.textValue(), hits);
                    if (!after.equals(child.textValue())) {
                        array.set(i, TextNode.valueOf(after));
                    }
                } else {
                    walk(child, hits);
                }
            }
        }
    }
}
