package io.revbot.agents;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the router decides before any model call, as data: {@code agents/routing.yaml} (rules, cues, the word lists
 * that find independent parts, the classifier's settings, the routing model's instructions) and the thresholds
 * calibrated on the dev split into {@code agents/router-calibration.yaml}. Holds no behaviour; the orchestrator's
 * router runs it.
 *
 * @param rules questions answered from a template with no model call, in priority order
 * @param ignoredWords words that never change what a rule question means ("revbot", "please")
 * @param managerCues phrases marking a question about definitions or the company's rules, which the manager answers
 *     itself ({@code *} stands for one to four words)
 * @param modelInstructions the system prompt of the optional routing model ({@code REVBOT_ROUTER_MODEL})
 * @param source where it was read from, for messages
 */
public record RoutingSpec(
        List<DirectRule> rules,
        Set<String> ignoredWords,
        List<String> managerCues,
        MultiPart multiPart,
        Classifier classifier,
        Thresholds thresholds,
        String modelInstructions,
        String source) {

    public RoutingSpec {
        rules = List.copyOf(rules);
        ignoredWords = Set.copyOf(ignoredWords);
        managerCues = List.copyOf(managerCues);
        Objects.requireNonNull(multiPart, "multiPart");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(modelInstructions, "modelInstructions");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A whole question answered from {@code answer} when its words are covered by the phrases of the rules; the
     * answer may hold {@code {specialists}}, one line per specialist built from their descriptions.
     *
     * @param opening whether the phrases may open a longer question ("Hi, review the Vertex deal"): they are then
     *     dropped before the question is classified
     */
    public record DirectRule(String name, List<String> phrases, String answer, boolean opening) {
        public DirectRule {
            Objects.requireNonNull(name, "name");
            phrases = List.copyOf(phrases);
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * The words that find independent parts in a question (several asks go to the manager, never to one
     * specialist).
     *
     * @param askVerbs verbs that open an ask ("review", "check", "notify")
     * @param questionWords words that open a question ("what", "which", "is")
     * @param connectives words joining two asks when the second starts with an ask verb or question word
     * @param softConnectives words joining two phrases that are separate parts when they belong to different agents
     * @param enumerations openings announcing several asks ("two things")
     */
    public record MultiPart(
            Set<String> askVerbs,
            Set<String> questionWords,
            List<String> connectives,
            List<String> softConnectives,
            List<String> enumerations) {
        public MultiPart {
            askVerbs = Set.copyOf(askVerbs);
            questionWords = Set.copyOf(questionWords);
            connectives = List.copyOf(connectives);
            softConnectives = List.copyOf(softConnectives);
            enumerations = List.copyOf(enumerations);
        }
    }

    /**
     * The embedding tier's classifier: a softmax regression over the question's MiniLM embedding and its hashed
     * words, trained on the examples when the router loads (full-batch gradient descent with momentum).
     *
     * @param keepWords capitalised words that are not names and stay unmasked (weekdays, stages, "Slack")
     */
    public record Classifier(
            double l2,
            int epochs,
            double learningRate,
            double momentum,
            int lexicalFeatures,
            double lexicalWeight,
            Set<String> keepWords) {
        public Classifier {
            keepWords = Set.copyOf(keepWords);
        }
    }

    /**
     * The embedding tier routes to a specialist only when the classifier's probability for it is at least
     * {@code minConfidence} and beats the runner-up by at least {@code minMargin}.
     *
     * @param calibration how the values were found (split, folds, figures), for {@code eval routing}
     */
    public record Thresholds(double minConfidence, double minMargin, String calibration) {
        public Thresholds {
            if (minConfidence < 0 || minConfidence > 1 || minMargin < 0 || minMargin > 1) {
                throw new IllegalArgumentException("thresholds must lie in [0, 1]");
            }
            Objects.requireNonNull(calibration, "calibration");
        }
    }
}
