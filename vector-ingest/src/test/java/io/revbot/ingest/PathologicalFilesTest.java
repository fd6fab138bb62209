package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A knowledge tree with files that once broke ingestion: they are skipped, the rest is searchable, the watcher lives. */
class PathologicalFilesTest {
    @TempDir
    Path tree;

    private KnowledgeBase knowledgeBase() {
        FakeEmbeddingModel model = new FakeEmbeddingModel();
        return new KnowledgeBase(
                tree, () -> FakeEmbeddingModel.embedder(model), InMemoryKnowledgeStore.transientStore(), "test");
    }

    @Test
    void eachPathologicalFileIsSkippedWithItsReasonAndTheOthersAreIngested() throws Exception {
        Files.writeString(tree.resolve("renewals.md"), "# Renewals\n\nRenewal playbook: start ninety days out.");
        Map<String, String> bad = PathologicalFiles.write(tree);
        Map<String, String> skipped = new LinkedHashMap<>();
        long started = System.nanoTime();

        IngestSummary summary = knowledgeBase().ingest(false, new IngestProgress() {
            @Override
            public void skipped(String document, String reason) {
                skipped.put(document, reason);
            }
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(summary.added()).isEqualTo(1);
        assertThat(skipped.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
        bad.forEach((document, why) ->
                assertThat(skipped.get(document)).as(document).contains(why));
        assertThat(skipped.get("bad/huge.md")).contains("files over 1000000 bytes are not read");
    }

    @Test
    void theWatcherSurvivesThemKeepsPickingUpEditsAndSaysItIsDegraded() throws Exception {
        Files.writeString(tree.resolve("renewals.md"), "# Renewals\n\nRenewal playbook: start ninety days out.");
        PathologicalFiles.write(tree);
        KnowledgeBase kb = knowledgeBase();
        try (KnowledgeWatcher watcher = new KnowledgeWatcher(kb, Duration.ofMillis(200)).start()) {
            await(() -> watcher.lastSync().isPresent());
            KnowledgeWatcher.Status status = watcher.status();
            assertThat(status.state()).isEqualTo(KnowledgeWatcher.State.DEGRADED);
            assertThat(status.skipped())
                    .extracting(KnowledgeWatcher.SkippedFile::document)
                    .contains("bad/emphasis.md");
            assertThat(kb.search()
                            .search("renewal playbook", 1, Optional.empty())
                            .get(0)
                            .document())
                    .isEqualTo("renewals.md");

            Files.writeString(tree.resolve("churn.md"), "# Churn\n\nUsage cliffs predict churn.");
            await(() -> kb.size() == 2);
            assertThat(kb.search()
                            .search("usage cliffs", 1, Optional.empty())
                            .get(0)
                            .document())
                    .isEqualTo("churn.md");
            assertThat(watcher.status().state()).isEqualTo(KnowledgeWatcher.State.DEGRADED);

            try (var files = Files.walk(tree.resolve("bad"))) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            await(() -> watcher.status().state() == KnowledgeWatcher.State.OK);
            assertThat(watcher.status().skipped()).isEmpty();
            assertThat(kb.size()).isEqualTo(2);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
