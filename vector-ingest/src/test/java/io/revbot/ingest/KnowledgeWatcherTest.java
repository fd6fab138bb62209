package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeWatcherTest {
    @TempDir
    Path tree;

    @Test
    void theWatcherIngestsOnStartAndAfterEditsInNewFolders() throws Exception {
        Files.writeString(tree.resolve("a.md"), "# a\n\nFirst.");
        FakeEmbeddingModel model = new FakeEmbeddingModel();
        KnowledgeBase kb = new KnowledgeBase(
                tree, () -> FakeEmbeddingModel.embedder(model), InMemoryKnowledgeStore.transientStore(), "test");
        try (KnowledgeWatcher watcher = new KnowledgeWatcher(kb, Duration.ofMillis(200)).start()) {
            await(() -> watcher.lastSync().isPresent());
            assertThat(kb.size()).isEqualTo(1);

            Files.createDirectories(tree.resolve("workflows"));
            Thread.sleep(300); // let the new folder be registered before a file lands in it
            Files.writeString(tree.resolve("workflows/b.md"), "# b\n\nSecond, about renewals.");
            await(() -> kb.size() == 2);
            assertThat(kb.search()
                            .search("renewals", 1, Optional.of("workflows"))
                            .get(0)
                            .document())
                    .isEqualTo("workflows/b.md");

            Files.delete(tree.resolve("a.md"));
            await(() -> kb.size() == 1);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
