package io.revbot.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.bedrock.BedrockTitanEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.revbot.tools.UpstreamException;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** An embedding model together with its identity, which the stores record. */
public record Embedder(EmbeddingModelId id, EmbeddingModel model) {
    public static final EmbeddingModelId MINILM = new EmbeddingModelId("all-minilm-l6-v2-q", 384);
    public static final EmbeddingModelId TITAN_V2 = new EmbeddingModelId("amazon.titan-embed-text-v2:0", 1024);

    public Embedder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
    }

    /** all-MiniLM-L6-v2 (quantized) in-process through ONNX: no network, no key. Loads the model (about 1 s). */
    public static Embedder miniLm() {
        return new Embedder(MINILM, new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    /** Amazon Titan Text Embeddings v2 on Bedrock, 1,024 normalised dimensions. */
    public static Embedder titan(BedrockRuntimeClient client) {
        return new Embedder(
                TITAN_V2,
                BedrockTitanEmbeddingModel.builder()
                        .client(client)
                        .model(TITAN_V2.name())
                        .dimensions(TITAN_V2.dimension())
                        .normalize(true)
                        .build());
    }

    /**
     * Titan v2 through a Bedrock client of its own: AWS's default credential chain, {@code region} (else the SDK's
     * default region chain) and an optional endpoint override (VPC endpoints, local fakes).
     */
    public static Embedder titan(java.util.Optional<String> region, java.util.Optional<java.net.URI> endpoint) {
        var builder = BedrockRuntimeClient.builder();
        region.map(software.amazon.awssdk.regions.Region::of).ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        return titan(builder.build());
    }

    /** Vectors for {@code texts}, in order. */
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings;
        try {
            embeddings = model.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new UpstreamException("embeddings", id.name() + " failed: " + e.getMessage(), true, e);
        }
        if (embeddings.size() != texts.size()) {
            throw new UpstreamException(
                    "embeddings", id.name() + " returned " + embeddings.size() + " vectors for " + texts.size(), false);
        }
        return embeddings.stream().map(e -> checked(e.vector())).toList();
    }

    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    private float[] checked(float[] vector) {
        if (vector.length != id.dimension()) {
            throw new UpstreamException(
                    "embeddings",
                    id.name() + " returned " + vector.length + " dimensions, expected " + id.dimension(),
                    false);
        }
        return vector;
    }
}
