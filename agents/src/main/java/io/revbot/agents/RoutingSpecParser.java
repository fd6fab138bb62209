package io.revbot.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code routing.yaml} and {@code router-calibration.yaml} into a {@link RoutingSpec}. Every problem is an
 * {@link AgentSpecException} naming the file and the field, like the agent specs.
 */
final class RoutingSpecParser {
    static final String FILE = "routing.yaml";
    static final String CALIBRATION_FILE = "router-calibration.yaml";

    private static final Set<String> TOP =
            Set.of("rules", "ignore", "manager_cues", "multi_part", "classifier", "model");
    private static final Set<String> RULE = Set.of("name", "phrases", "answer", "opening");
    private static final Set<String> MULTI =
            Set.of("ask_verbs", "question_words", "connectives", "soft_connectives", "enumerations");
    private static final Set<String> CLASSIFIER =
            Set.of("l2", "epochs", "learning_rate", "momentum", "lexical_features", "lexical_weight", "keep_words");
    private static final Set<String> MODEL = Set.of("instructions");
    private static final Set<String> CALIBRATION = Set.of("min_confidence", "min_margin", "calibration");

    private RoutingSpecParser() {}

    static RoutingSpec parse(String file, String text, String calibrationFile, String calibrationText) {
        Map<String, Object> root = map(file, "", load(file, text), TOP);
        List<RoutingSpec.DirectRule> rules = new ArrayList<>();
        Set<String> ruleNames = new LinkedHashSet<>();
        for (Object item : list(file, "rules", root.get("rules"))) {
            Map<String, Object> rule = map(file, "rules[]", item, RULE);
            String name = text(file, "rules[].name", rule.get("name"));
            if (!ruleNames.add(name)) {
                throw new AgentSpecException(file, "rule '" + name + "' is defined twice");
            }
            rules.add(new RoutingSpec.DirectRule(
                    name,
                    words(file, "rules." + name + ".phrases", rule.get("phrases")),
                    text(file, "rules." + name + ".answer", rule.get("answer")),
                    flag(file, "rules." + name + ".opening", rule.get("opening"))));
        }
        Map<String, Object> multi = map(file, "multi_part", root.get("multi_part"), MULTI);
        Map<String, Object> classifier = map(file, "classifier", root.get("classifier"), CLASSIFIER);
        Map<String, Object> model = map(file, "model", root.get("model"), MODEL);
        Map<String, Object> calibration = map(calibrationFile, "", load(calibrationFile, calibrationText), CALIBRATION);
        return new RoutingSpec(
                rules,
                Set.copyOf(words(file, "ignore", root.get("ignore"))),
                words(file, "manager_cues", root.get("manager_cues")),
                new RoutingSpec.MultiPart(
                        Set.copyOf(words(file, "multi_part.ask_verbs", multi.get("ask_verbs"))),
                        Set.copyOf(words(file, "multi_part.question_words", multi.get("question_words"))),
                        words(file, "multi_part.connectives", multi.get("connectives")),
                        words(file, "multi_part.soft_connectives", multi.get("soft_connectives")),
                        words(file, "multi_part.enumerations", multi.get("enumerations"))),
                new RoutingSpec.Classifier(
                        number(file, "classifier.l2", classifier.get("l2"), 0, 1),
                        (int) whole(file, "classifier.epochs", classifier.get("epochs"), 1, 100_000),
                        number(file, "classifier.learning_rate", classifier.get("learning_rate"), 1e-6, 1_000),
                        number(file, "classifier.momentum", classifier.get("momentum"), 0, 0.99),
                        (int) whole(
                                file, "classifier.lexical_features", classifier.get("lexical_features"), 0, 1 << 20),
                        number(file, "classifier.lexical_weight", classifier.get("lexical_weight"), 0, 100),
                        Set.copyOf(keepWords(file, classifier.get("keep_words")))),
                new RoutingSpec.Thresholds(
                        number(calibrationFile, "min_confidence", calibration.get("min_confidence"), 0, 1),
                        number(calibrationFile, "min_margin", calibration.get("min_margin"), 0, 1),
                        text(calibrationFile, "calibration", calibration.get("calibration"))),
                text(file, "model.instructions", model.get("instructions")),
                file);
    }

    private static Object load(String file, String text) {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (doc == null) {
                throw new AgentSpecException(file, "is empty");
            }
            return doc;
        } catch (YAMLException e) {
            String message = e.getMessage() == null
                    ? "parse error"
                    : e.getMessage().lines().findFirst().orElse("");
            throw new AgentSpecException(file, "is not valid YAML: " + message, e);
        }
    }

    private static Map<String, Object> map(String file, String field, Object value, Set<String> keys) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new AgentSpecException(
                    file, (field.isEmpty() ? "the file" : "field '" + field + "'") + " must be a map of " + keys);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!keys.contains(key)) {
                throw new AgentSpecException(
                        file,
                        "unknown field '" + (field.isEmpty() ? "" : field + ".") + key + "' (expected one of "
                                + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
            out.put(key, v);
        });
        return out;
    }

    private static List<?> list(String file, String field, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new AgentSpecException(file, "field '" + field + "' must be a non-empty list");
        }
        return list;
    }

    private static String text(String file, String field, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new AgentSpecException(file, "field '" + field + "' must be non-empty text");
        }
        return s.strip();
    }

    /** Lower-case phrases, each non-empty, none twice. */
    private static List<String> words(String file, String field, Object value) {
        Set<String> out = new LinkedHashSet<>();
        for (Object item : list(file, field, value)) {
            String phrase = text(file, field + "[]", item instanceof Number n ? n.toString() : item)
                    .toLowerCase(Locale.ROOT);
            if (!out.add(phrase)) {
                throw new AgentSpecException(file, "field '" + field + "': '" + phrase + "' is listed twice");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> keepWords(String file, Object value) {
        List<String> out = new ArrayList<>();
        for (Object item : list(file, "classifier.keep_words", value)) {
            out.add(text(file, "classifier.keep_words[]", item));
        }
        return out;
    }

    private static boolean flag(String file, String field, Object value) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new AgentSpecException(file, "field '" + field + "' must be true or false, was " + value);
        }
        return b;
    }

    private static double number(String file, String field, Object value, double min, double max) {
        if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new AgentSpecException(
                    file, "field '" + field + "' must be a number from " + min + " to " + max + ", was " + value);
        }
        return n.doubleValue();
    }

    private static long whole(String file, String field, Object value, long min, long max) {
        if (!(value instanceof Integer || value instanceof Long)
                || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new AgentSpecException(
                    file, "field '" + field + "' must be a whole number from " + min + " to " + max + ", was " + value);
        }
        return ((Number) value).longValue();
    }
}
