package io.revbot.orchestrator.routing;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.RoutingSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The router's tiers for one version of the agents: the rules, the parts finder, the classifier trained on the
 * examples and the optional model tier. Built once per version (training takes a second or two), then read-only.
 */
final class RouterIndex {
    final Agents agents;
    private final RoutingSpec spec;
    private final RuleTier rules;
    private final QuestionParts parts;
    private final ExampleClassifier.Features features;
    private final ExampleClassifier classifier;
    private final List<ExampleClassifier.Example> examples;
    private final List<ExampleClassifier.Vector> vectors;
    private final Optional<ModelTier> model;

    private RouterIndex(
            Agents agents,
            RoutingSpec spec,
            ExampleClassifier.Features features,
            List<ExampleClassifier.Example> examples,
            List<ExampleClassifier.Vector> vectors,
            ExampleClassifier classifier,
            Optional<ModelTier> model) {
        this.agents = agents;
        this.spec = spec;
        this.rules = new RuleTier(spec, agents);
        this.parts = new QuestionParts(spec.multiPart());
        this.features = features;
        this.examples = examples;
        this.vectors = vectors;
        this.classifier = classifier;
        this.model = model;
    }

    /** Embeds every example and trains the classifier; {@code agents} must carry a routing spec. */
    static RouterIndex build(
            Agents agents,
            RoutingSpec spec,
            EmbeddingModel embeddings,
            Optional<Path> cacheDir,
            Optional<String> modelId) {
        String model = embeddings.getClass().getName() + "/" + embeddings.dimension();
        EmbeddingCache cache = EmbeddingCache.open(cacheDir.map(d -> d.resolve("router-embeddings.bin")), model);
        ExampleClassifier.Features features = new ExampleClassifier.Features(embeddings, spec.classifier());
        List<ExampleClassifier.Example> examples = new ArrayList<>();
        for (AgentSpec agent : agents.all().values()) {
            agent.examples().forEach(q -> examples.add(new ExampleClassifier.Example(q, agent.name())));
        }
        List<ExampleClassifier.Vector> vectors = examples.isEmpty()
                ? List.of()
                : features.of(
                        examples.stream()
                                .map(ExampleClassifier.Example::question)
                                .toList(),
                        cache);
        ExampleClassifier classifier = examples.isEmpty()
                ? null
                : ClassifierCache.loadOrTrain(
                        cacheDir.map(d -> d.resolve("router-classifier.bin")),
                        model,
                        examples,
                        spec.classifier(),
                        () -> ExampleClassifier.train(examples, vectors, spec.classifier()));
        return new RouterIndex(
                agents,
                spec,
                features,
                List.copyOf(examples),
                vectors,
                classifier,
                modelId.map(id -> new ModelTier(id, spec, agents)));
    }

    /** The same tiers with a classifier trained without the examples {@code drop} accepts (calibration folds). */
    RouterIndex trainedWithout(Predicate<String> drop) {
        List<ExampleClassifier.Example> kept = new ArrayList<>();
        List<ExampleClassifier.Vector> keptVectors = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            if (!drop.test(examples.get(i).question())) {
                kept.add(examples.get(i));
                keptVectors.add(vectors.get(i));
            }
        }
        return new RouterIndex(
                agents,
                spec,
                features,
                kept,
                keptVectors,
                kept.isEmpty() ? null : ExampleClassifier.train(kept, keptVectors, spec.classifier()),
                model);
    }

    RoutingSpec spec() {
        return spec;
    }

    Optional<ModelTier> model() {
        return model;
    }

    /** The rules, then the structure, then the classifier's scores. */
    Assessment assess(String question) {
        Optional<RoutingDecision.Direct> direct = rules.direct(question);
        if (direct.isPresent()) {
            return new Assessment.Ruled(direct.get());
        }
        String asked = rules.withoutOpening(question);
        QuestionParts.Found found = parts.find(asked);
        if (found instanceof QuestionParts.Found.Several several) {
            return new Assessment.Ruled(RoutingDecision.Supervisor.because(Tier.RULES, several.how()));
        }
        Optional<String> cue = rules.managerCue(asked);
        if (cue.isPresent()) {
            return new Assessment.Ruled(RoutingDecision.Supervisor.because(
                    Tier.RULES, "asks about a definition or a company rule ('" + cue.get() + "')"));
        }
        if (classifier == null) {
            return new Assessment.Ruled(
                    RoutingDecision.Supervisor.because(Tier.SUPERVISOR, "no agent has example questions"));
        }
        if (found instanceof QuestionParts.Found.Maybe maybe) {
            List<ExampleClassifier.Vector> v = features.of(List.of(asked, maybe.left(), maybe.right()));
            return new Assessment.Scored(
                    classifier.predict(v.get(0)),
                    Optional.of(new Assessment.Parts(classifier.predict(v.get(1)), classifier.predict(v.get(2)))));
        }
        return new Assessment.Scored(classifier.predict(features.of(asked)), Optional.empty());
    }

    /** Applies the thresholds; asks the model tier (when there is one and {@code modelTier} gives a model) if unsure. */
    RoutingDecision decide(
            Assessment assessment, RoutingSpec.Thresholds thresholds, String question, Supplier<ChatModel> modelTier) {
        return switch (assessment) {
            case Assessment.Ruled ruled -> ruled.decision();
            case Assessment.Scored scored -> decide(scored, thresholds, question, modelTier);
        };
    }

    private RoutingDecision decide(
            Assessment.Scored scored, RoutingSpec.Thresholds t, String question, Supplier<ChatModel> modelTier) {
        if (scored.parts().isPresent()) {
            ExampleClassifier.Scored left = scored.parts().get().left().best();
            ExampleClassifier.Scored right = scored.parts().get().right().best();
            if (isSpecialist(left.agent())
                    && isSpecialist(right.agent())
                    && !left.agent().equals(right.agent())
                    && left.probability() >= t.minConfidence()
                    && right.probability() >= t.minConfidence()) {
                return new RoutingDecision.Supervisor(
                        Tier.EMBEDDING,
                        Math.min(left.probability(), right.probability()),
                        null,
                        "two parts, for " + left.agent() + " and " + right.agent(),
                        List.of(left.agent(), right.agent()));
            }
        }
        ExampleClassifier.Prediction whole = scored.whole();
        ExampleClassifier.Scored best = whole.best();
        double margin = whole.margin();
        if (best.agent().equals(AgentName.MANAGER) && best.probability() >= t.minConfidence()) {
            return new RoutingDecision.Supervisor(
                    Tier.EMBEDDING,
                    best.probability(),
                    margin,
                    "like the questions the manager answers itself",
                    List.of());
        }
        if (isSpecialist(best.agent()) && best.probability() >= t.minConfidence() && margin >= t.minMargin()) {
            return new RoutingDecision.Specialist(
                    best.agent(), Tier.EMBEDDING, best.probability(), margin, "like its example questions");
        }
        String guess =
                String.format(Locale.ROOT, "closest: %s %.2f, margin %.2f", best.agent(), best.probability(), margin);
        if (model.isPresent()) {
            ChatModel chat = modelTier.get();
            if (chat != null) {
                return model.get().decide(question, chat, guess);
            }
        }
        return new RoutingDecision.Supervisor(
                Tier.SUPERVISOR, best.probability(), margin, "unsure; " + guess, List.of());
    }

    private boolean isSpecialist(AgentName agent) {
        return !agent.equals(AgentName.MANAGER) && agents.find(agent).isPresent();
    }
}
