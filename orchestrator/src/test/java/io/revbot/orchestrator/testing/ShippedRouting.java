package io.revbot.orchestrator.testing;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.revbot.agents.AgentLoader;
import io.revbot.agents.Agents;
import io.revbot.orchestrator.routing.LabelledQuestion;
import io.revbot.orchestrator.routing.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shipped agents (with their examples, routing.yaml and calibrated thresholds) and one router over the real
 * in-process MiniLM model, shared by every test of the JVM: loading the model and training on the examples takes
 * seconds, so it happens once (the trained classifier is cached under {@code target/}).
 */
public final class ShippedRouting {
    /** The repository's agents directory, seen from a module directory (where Surefire runs). */
    public static final Path AGENTS = Path.of("..", "agents").toAbsolutePath().normalize();

    private static Agents agents;
    private static EmbeddingModel miniLm;
    private static Router router;

    private ShippedRouting() {}

    public static synchronized Agents agents() {
        if (agents == null) {
            agents = AgentLoader.fromDirectory(AGENTS);
        }
        return agents;
    }

    public static synchronized EmbeddingModel miniLm() {
        if (miniLm == null) {
            miniLm = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        return miniLm;
    }

    /** A router without a model tier, prepared for {@link #agents()}. */
    public static synchronized Router router() {
        if (router == null) {
            router = Router.create(miniLm(), Optional.empty(), Optional.of(cacheDir()));
            router.prepare(agents());
        }
        return router;
    }

    /** Where the tests keep the router's caches (the module's build folder, never the repository). */
    public static Path cacheDir() {
        return Path.of("target", "router-cache").toAbsolutePath();
    }

    /** {@code dev} or {@code test}: the shipped labelled split. */
    public static List<LabelledQuestion> split(String name) {
        Path file = AGENTS.resolve("routing-" + name + ".tsv");
        try {
            return LabelledQuestion.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
