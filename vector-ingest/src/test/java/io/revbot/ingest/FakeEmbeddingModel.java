package io.revbot.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for an embedding model: each word of the text adds 1 to a dimension chosen by its hash, so
 * texts sharing words are near each other. Counts the texts it embeds, which is what sync tests assert on.
 */
final class FakeEmbeddingModel implements EmbeddingModel {
    static final int DIMENSION = 16;
    final AtomicInteger embedded = new AtomicInteger();

    static Embedder embedder(FakeEmbeddingModel model) {
        return new Embedder(new EmbeddingModelId("fake-bag-of-words", DIMENSION), model);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
            out.add(Embedding.from(vector(s.text())));
        }
        embedded.addAndGet(segments.size());
        return Response.from(out);
    }

    static float[] vector(String text) {
        float[] v = new float[DIMENSION];
        for (String token : Tokenizer.tokens(text)) {
            v[Math.floorMod(token.hashCode(), DIMENSION)] += 1;
        }
        v[0] += 0.01f; // never the zero vector
        return v;
    }
}
