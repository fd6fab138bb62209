package io.revbot.ingest;

import io.revbot.tools.ConfigurationException;
import java.util.Objects;

/**
 * Which embedding model produced a store's vectors, and their dimension. A store holds vectors of exactly one model:
 * vectors of two models are not comparable even when their dimensions agree.
 */
public record EmbeddingModelId(String name, int dimension) {
    public EmbeddingModelId {
        Objects.requireNonNull(name, "name");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
    }

    /** Throws when a store holding vectors of this model is opened for {@code configured}, another model. */
    void requireSameAs(EmbeddingModelId configured) {
        if (!equals(configured)) {
            throw new ConfigurationException(
                    "REVBOT_EMBEDDINGS",
                    "the knowledge store holds vectors of " + this + " but " + configured + " is configured;"
                            + " vectors of different models cannot be mixed: run `revbot ingest --full` to rebuild"
                            + " the store with the configured model, or switch REVBOT_EMBEDDINGS back");
        }
    }

    @Override
    public String toString() {
        return name + " (" + dimension + " dimensions)";
    }
}
