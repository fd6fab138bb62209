package io.revbot.orchestrator.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.revbot.tools.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets and agent instructions from every string of an export before it is written. Three layers:
 * the configured credentials themselves (exact match), patterns of well-known credential shapes (AWS access and
 * secret keys, with or without their label; Slack tokens; bearer and Basic authorization; API keys; private keys;
 * passwords in URLs and in {@code password=}/{@code pwd=} pairs, which covers JDBC and ODBC connection strings), and,
 * defensively, the agents' instruction texts (run events
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

    /**
     * One credential shape: what matched is replaced by {@code replace}'s text, or left alone when it returns null
     * (a match that turned out not to be a credential).
     */
    private record Rule(String kind, Pattern pattern, Function<MatchResult, String> replace) {
        static Rule fixed(String kind, Pattern pattern, String replacement) {
            return new Rule(kind, pattern, m -> expand(m, replacement));
        }
    }

    private static final List<Rule> PATTERNS = List.of(
            Rule.fixed(
                    "private_key",
                    Pattern.compile(
                            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)",
                            Pattern.DOTALL),
                    "[REDACTED:private_key]"),
            Rule.fixed(
                    "aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"), "[REDACTED:aws_access_key]"),
            Rule.fixed(
                    "aws_secret_key",
                    Pattern.compile(
                            "(?i)(aws_secret_access_key|secretaccesskey)(\"?\\s*[:=]\\s*\"?)[A-Za-z0-9/+=]{30,}"),
                    "$1$2[REDACTED:aws_secret_key]"),
            // An AWS secret key without its label: exactly 40 characters of its alphabet, mixing cases and digits
            // (hex digests and words do not).
            new Rule(
                    "aws_secret_key",
                    Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
                    m -> looksRandom(m.group()) ? "[REDACTED:aws_secret_key]" : null),
            Rule.fixed("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{6,}"), "[REDACTED:slack_token]"),
            Rule.fixed("slack_app_token", Pattern.compile("\\bxapp-[A-Za-z0-9-]{6,}"), "[REDACTED:slack_token]"),
            Rule.fixed(
                    "bearer_token",
                    Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}"),
                    "$1 [REDACTED:bearer_token]"),
            // Basic auth: base64 of "user:password" after the word Basic (decoded to check, so "basic analytics"
            // stays).
            new Rule(
                    "basic_auth",
                    Pattern.compile("(?i)\\b(basic)\\s+([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])"),
                    m -> decodesToUserAndPassword(m.group(2)) ? m.group(1) + " [REDACTED:basic_auth]" : null),
            Rule.fixed("api_key", Pattern.compile("\\bsk-(?:ant-)?[A-Za-z0-9_-]{16,}"), "[REDACTED:api_key]"),
            // user:password@ in any URL: postgresql://, mysql://, mongodb+srv://, jdbc:postgresql://, https://…
            Rule.fixed(
                    "url_credentials",
                    Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^\\s/:@\\[\\]]*):([^\\s/@]+)@"),
                    "$1$2:[REDACTED:password]@"),
            // password=, pwd=, passwd= pairs: JDBC and ODBC parameters, connection strings, JSON and YAML fields.
            new Rule(
                    "password",
                    Pattern.compile("(?i)\\b(password|passwd|pwd)(\"?\\s*[:=]\\s*\"?)([^\\s&;,\"'}\\]]+)"),
                    m -> m.group(3).startsWith("[REDACTED") ? null : m.group(1) + m.group(2) + "[REDACTED:password]"));

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
                    String replacement = rule.replace.apply(m.toMatchResult());
                    m.appendReplacement(sb, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
                    n += replacement == null ? 0 : 1;
                }
                m.appendTail(sb);
                out = sb.toString();
                if (n > 0) {
                    hits.merge(rule.kind, n, Integer::sum);
                }
            }
        }
        return out;
    }

    /** {@code $1}-style group references of a fixed replacement, filled from the match. */
    private static String expand(MatchResult m, String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                String group = m.group(replacement.charAt(++i) - '0');
                out.append(group == null ? "" : group);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Upper case, lower case and a digit: a random key, not a word, a hex digest or a path. */
    static boolean looksRandom(String s) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit;
    }

    private static boolean decodesToUserAndPassword(String base64) {
        try {
            String decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
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
