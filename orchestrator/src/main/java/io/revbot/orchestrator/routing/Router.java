package io.revbot.orchestrator.routing;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.revbot.agents.Agents;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides, before any model call, how a question is answered: from a template (rules), by one specialist whose
 * complete answer is the answer (the embedding tier, or the routing model when that tier is unsure), or by the
 * manager's turns (everything else, and every question with independent parts). What each tier uses is data in the
 * agents directory: {@code routing.yaml}, each agent's {@code examples.txt}, {@code router-calibration.yaml}.
 *
 * <p>The tiers are built for each version of the agents the catalog hands out (the embedding model loads and the
 * classifier trains then, once); {@link #prepare} does it ahead of the first question. Thread-safe.
 */
public final class Router {
    private final EmbeddingModel embeddings;
    private final Optional<ModelTierModel> modelTier;
    private final Optional<Path> cacheDir;
    private volatile RouterIndex index;

    /** The routing model: a chat model and the model id it is asked with ({@code REVBOT_ROUTER_MODEL}). */
    public record ModelTierModel(ChatModel model, String modelId) {
        public ModelTierModel {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(modelId, "modelId");
        }
    }

    private Router(EmbeddingModel embeddings, Optional<ModelTierModel> modelTier, Optional<Path> cacheDir) {
        this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
        this.modelTier = Objects.requireNonNull(modelTier, "modelTier");
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /**
     * @param embeddings the in-process all-MiniLM-L6-v2 model the knowledge base uses (shared, loaded once)
     * @param modelTier the routing model, when {@code REVBOT_ROUTER_MODEL} is set
     * @param cacheDir where the examples' embeddings and the trained classifier are kept between starts (a folder
     *     under {@code REVBOT_HOME}); empty trains in every process
     */
    public static Router create(
            EmbeddingModel embeddings, Optional<ModelTierModel> modelTier, Optional<Path> cacheDir) {
        return new Router(embeddings, modelTier, cacheDir);
    }

    /** The routing model's id, when the model tier is on. */
    public Optional<String> modelTierId() {
        return modelTier.map(ModelTierModel::modelId);
    }

    /** Loads the embedding model and trains on the examples now rather than on the first question. */
    public void prepare(Agents agents) {
        index(agents);
    }

    /** Routes outside a run ({@code revbot route}, evaluation): the model tier, if on, calls the model directly. */
    public RoutingDecision route(String question, Agents agents) {
        return route(
                question, agents, () -> modelTier.map(ModelTierModel::model).orElse(null));
    }

    /**
     * Routes inside a run: {@code modelTier} is asked for the model only when the model tier is needed, so a run
     * reports that call as its own (an observed model).
     */
    public RoutingDecision route(String question, Agents agents, Supplier<ChatModel> modelTier) {
        Objects.requireNonNull(question, "question");
        if (agents.routing().isEmpty()) {
            return RoutingDecision.Supervisor.because(Tier.SUPERVISOR, "routing is off (no routing.yaml)");
        }
        RouterIndex tiers = index(agents);
        return tiers.decide(tiers.assess(question), tiers.spec().thresholds(), question, modelTier);
    }

    /** The tiers for {@code agents}, built when the catalog hands out a new version. */
    RouterIndex index(Agents agents) {
        RouterIndex current = index;
        if (current != null && current.agents == agents) {
            return current;
        }
        synchronized (this) {
            current = index;
            if (current == null || current.agents != agents) {
                current = RouterIndex.build(
                        agents,
                        agents.routing().orElseThrow(() -> new IllegalStateException("routing is off")),
                        embeddings,
                        cacheDir,
                        modelTierId());
                index = current;
            }
            return current;
        }
    }
}
