package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryKnowledgeStoreTest extends KnowledgeStoreContract {
    @TempDir
    Path home;

    @Override
    KnowledgeStore newStore() {
        return InMemoryKnowledgeStore.transientStore();
    }

    @Test
    void theIndexSurvivesARestartWithItsModelAndVectors() {
        Path file = home.resolve("knowledge/index.json.gz");
        StoredChunk chunk = stored("schema/a.md", "a > Pitfalls", "gong__call_highlights_next_steps");
        try (InMemoryKnowledgeStore first = InMemoryKnowledgeStore.persistedIn(file)) {
            first.open(FAKE, false);
            first.upsert(List.of(chunk));
        }
        assertThat(file).exists();

        try (InMemoryKnowledgeStore second = InMemoryKnowledgeStore.persistedIn(file)) {
            second.open(FAKE, false);
            assertThat(second.states())
                    .containsEntry(chunk.chunk().id(), new StoredState("schema/a.md", chunk.contentHash()));
            assertThat(second.nearest(chunk.vector(), 1, Optional.empty())
                            .get(0)
                            .score())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(second.keyword("gong__call_highlights_next_steps", 1, Optional.empty()))
                    .hasSize(1);
        }
        try (InMemoryKnowledgeStore third = InMemoryKnowledgeStore.persistedIn(file)) {
            assertThatThrownBy(() -> third.open(new EmbeddingModelId("titan", 1024), false))
                    .isInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void aCorruptIndexSaysHowToRecover() throws Exception {
        Path file = home.resolve("index.json.gz");
        Files.writeString(file, "not gzip");
        try (InMemoryKnowledgeStore store = InMemoryKnowledgeStore.persistedIn(file)) {
            assertThatThrownBy(() -> store.open(FAKE, false)).hasMessageContaining("revbot ingest --full");
        }
    }
}
