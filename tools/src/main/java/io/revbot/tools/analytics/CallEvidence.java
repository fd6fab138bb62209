package io.revbot.tools.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a call covered from its text (brief, key points, next steps, transcript): which sales topics came up,
 * whether a mention was negated ("no pricing discussed yet"), and which competitors were named. The phrase lists
 * are documented in {@code knowledge_base/business_logic/sales_process.md} and checked against it by a test.
 */
public final class CallEvidence {
    private CallEvidence() {}

    /** A sales topic a call can cover. */
    public enum Topic {
        DISCOVERY("discovery", List.of("discovery", "current stack", "current setup", "introduction", "intro call")),
        PAIN(
                "pain",
                List.of(
                        "pain",
                        "slow",
                        "bottleneck",
                        "struggl*",
                        "frustrat*",
                        "challenge",
                        "problem",
                        "timeout",
                        "outage")),
        METRICS(
                "metrics",
                List.of(
                        "roi",
                        "business case",
                        "cost savings",
                        "save",
                        "savings",
                        "kpi",
                        "success metric",
                        "latency target")),
        TECHNICAL_VALIDATION(
                "technical validation",
                List.of("proof of concept", "poc", "benchmark", "technical validation", "pilot", "test results")),
        DECISION_CRITERIA(
                "decision criteria",
                List.of(
                        "decision criteria",
                        "evaluation criteria",
                        "requirements",
                        "must-have",
                        "must have",
                        "success criteria")),
        DECISION_PROCESS(
                "decision process",
                List.of(
                        "decision process",
                        "approval",
                        "sign-off",
                        "sign off",
                        "steering committee",
                        "buying committee",
                        "decision timeline")),
        PRICING("pricing", List.of("pricing", "price", "quote", "discount", "proposal", "commercials", "budget")),
        PAPER_PROCESS(
                "paper process",
                List.of(
                        "paper process",
                        "procurement",
                        "legal review",
                        "redline",
                        "msa",
                        "order form",
                        "security review",
                        "purchase order",
                        "contract review",
                        "contract terms",
                        "signing"));

        private final String label;
        private final List<String> phrases;

        Topic(String label, List<String> phrases) {
            this.label = label;
            this.phrases = phrases;
        }

        public String label() {
            return label;
        }

        public List<String> phrases() {
            return phrases;
        }
    }

    /** Words that, earlier in the same clause, turn a mention into its negation. */
    public static final List<String> NEGATIONS =
            List.of("no", "not", "never", "without", "n't", "yet to", "none", "nobody", "hasn't", "haven't");

    /** Competitors we track: canonical name → phrases that name it. */
    public static final Map<String, List<String>> COMPETITORS = competitors();

    private static Map<String, List<String>> competitors() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Snowflake", List.of("snowflake"));
        m.put("Redshift", List.of("redshift"));
        m.put("BigQuery", List.of("bigquery", "big query"));
        m.put("ClickHouse", List.of("clickhouse", "click house"));
        m.put("Databricks", List.of("databricks"));
        m.put("Druid", List.of("apache druid", "druid"));
        m.put("Pinot", List.of("apache pinot", "startree"));
        m.put("SingleStore", List.of("singlestore"));
        return Map.copyOf(m);
    }

    /** A topic found in a text, negated or not, with the clause it was found in. */
    public record Mention(Topic topic, boolean negated, String clause) {}

    private static final Pattern CLAUSE = Pattern.compile("[.;!?\\n]+|\\bbut\\b");

    /** The topics mentioned in {@code text}, one mention per topic and polarity (first clause kept). */
    public static List<Mention> scan(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Mention> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String clause : CLAUSE.split(text)) {
            String lower = " " + clause.toLowerCase(Locale.ROOT).trim() + " ";
            for (Topic topic : Topic.values()) {
                int at = firstPhrase(lower, topic.phrases());
                if (at < 0) {
                    continue;
                }
                boolean negated = negatedBefore(lower.substring(0, at));
                if (seen.add(topic + ":" + negated)) {
                    found.add(new Mention(topic, negated, clause.trim()));
                }
            }
        }
        return found;
    }

    /** Canonical names of the competitors named in {@code text}. */
    public static List<String> competitorsNamed(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String lower = " " + text.toLowerCase(Locale.ROOT) + " ";
        List<String> names = new ArrayList<>();
        for (var e : COMPETITORS.entrySet()) {
            if (firstPhrase(lower, e.getValue()) >= 0) {
                names.add(e.getKey());
            }
        }
        names.sort(String::compareTo);
        return names;
    }

    /**
     * Index of the first phrase found as whole words (a plural "s"/"es" allowed), or -1. A phrase ending in
     * {@code *} matches as a word prefix ({@code struggl*} finds "struggling").
     */
    static int firstPhrase(String lower, List<String> phrases) {
        int best = -1;
        for (String phrase : phrases) {
            boolean prefix = phrase.endsWith("*");
            String body = prefix ? phrase.substring(0, phrase.length() - 1) : phrase;
            String regex = "(?<![a-z0-9])" + Pattern.quote(body) + (prefix ? "" : "(?:s|es)?(?![a-z0-9])");
            Matcher m = Pattern.compile(regex).matcher(lower);
            if (m.find() && (best < 0 || m.start() < best)) {
                best = m.start();
            }
        }
        return best;
    }

    private static boolean negatedBefore(String prefix) {
        for (String cue : NEGATIONS) {
            Matcher m = Pattern.compile(
                            cue.startsWith("n'") ? Pattern.quote(cue) : "(?<![a-z])" + Pattern.quote(cue) + "(?![a-z])")
                    .matcher(prefix);
            if (m.find()) {
                return true;
            }
        }
        return false;
    }
}
