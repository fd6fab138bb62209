package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ConfigurationException;
import io.revbot.tools.knowledge.KnowledgeHit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link KnowledgeStore} must do, run against the in-memory store ({@code InMemoryKnowledgeStoreTest})
 * and pgvector ({@code PgVectorKnowledgeStoreIT}): model bookkeeping, upsert and removal, vector and keyword search
 * with the folder filter, and incremental sync through {@link KnowledgeIngestor}.
 */
abstract class KnowledgeStoreContract {
    static final EmbeddingModelId FAKE = new EmbeddingModelId("fake-bag-of-words", FakeEmbeddingModel.DIMENSION);

    @TempDir
    Path tree;

    KnowledgeStore store;
    final FakeEmbeddingModel model = new FakeEmbeddingModel();

    /** A new, empty store (not opened). */
    abstract KnowledgeStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when the test was skipped for want of a database
            store.close();
        }
    }

    static StoredChunk stored(String document, String heading, String text) {
        Chunk c = new Chunk(document, heading, 0, text);
        return StoredChunk.of(c, FakeEmbeddingModel.vector(c.embeddingText()));
    }

    @Test
    void anEmptyStoreTakesTheModelAndRefusesAnotherOnceItHoldsVectors() {
        store.open(FAKE, false);
        assertThat(store.model()).contains(FAKE);
        store.upsert(List.of(stored("schema/a.md", "a", "text")));

        EmbeddingModelId other = new EmbeddingModelId("other-model", FakeEmbeddingModel.DIMENSION);
        assertThatThrownBy(() -> store.open(other, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fake-bag-of-words")
                .hasMessageContaining("--full");
        assertThatThrownBy(() -> store.open(new EmbeddingModelId("bigger", 32), false))
                .isInstanceOf(ConfigurationException.class);

        store.open(other, true);
        assertThat(store.size()).isZero();
        assertThat(store.model()).contains(other);
    }

    @Test
    void upsertReplacesByIdAndRemoveDeletes() {
        store.open(FAKE, false);
        StoredChunk first = stored("schema/a.md", "a > Columns", "one");
        StoredChunk second = stored("schema/b.md", "b", "two");
        store.upsert(List.of(first, second));
        StoredChunk changed = stored("schema/a.md", "a > Columns", "one, changed");
        store.upsert(List.of(changed));

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.states().get(first.chunk().id()))
                .isEqualTo(new StoredState("schema/a.md", changed.contentHash()));

        store.remove(List.of(first.chunk().id(), java.util.UUID.randomUUID()));
        assertThat(store.states()).containsOnlyKeys(second.chunk().id());
    }

    @Test
    void vectorSearchRanksBySimilarityAndFiltersByFolder() {
        store.open(FAKE, false);
        store.upsert(List.of(
                stored("schema/opportunity_d.md", "opportunity_d", "amount contract duration months acv"),
                stored("workflows/deal.md", "Deal", "champion economic buyer paper process"),
                stored("schema/lead_d.md", "lead_d", "lead source status created")));

        float[] query = FakeEmbeddingModel.vector("champion economic buyer");
        List<ScoredChunk> all = store.nearest(query, 3, Optional.empty());
        assertThat(all).hasSize(3);
        assertThat(all.get(0).chunk().document()).isEqualTo("workflows/deal.md");
        assertThat(all).allSatisfy(s -> assertThat(s.score()).isBetween(0.0, 1.0));
        assertThat(all.get(0).score()).isGreaterThan(all.get(2).score());

        List<ScoredChunk> schemaOnly = store.nearest(query, 3, Optional.of("schema"));
        assertThat(schemaOnly).extracting(s -> s.chunk().folder()).containsOnly("schema");
        assertThat(schemaOnly.get(0).chunk().headingPath()).isIn("opportunity_d", "lead_d");
    }

    @Test
    void keywordSearchFindsExactIdentifiersAndWords() {
        store.open(FAKE, false);
        store.upsert(List.of(
                stored(
                        "schema/gong_call_f.md",
                        "gong_call_f > Pitfalls",
                        "The column gong__call_highlights_next_steps" + " has two underscores."),
                stored("schema/gong_call_f.md", "gong_call_f > Keys", "gong_call_id joins transcript; next steps"),
                stored("business_logic/sales.md", "Sales process > MEDDPICC", "MEDDPICC exit criteria per stage"),
                stored("workflows/deal.md", "Deal", "call highlights are read before judging")));

        List<ScoredChunk> hits = store.keyword("gong__call_highlights_next_steps", 3, Optional.empty());
        assertThat(hits.get(0).chunk().headingPath()).isEqualTo("gong_call_f > Pitfalls");

        assertThat(store.keyword("meddpicc", 5, Optional.empty()))
                .extracting(s -> s.chunk().document())
                .containsExactly("business_logic/sales.md");
        assertThat(store.keyword("MEDDPICC", 5, Optional.of("schema"))).isEmpty();
        assertThat(store.keyword("quantum entanglement", 5, Optional.empty())).isEmpty();
    }

    @Test
    void aSecondSyncOfAnUnchangedTreeEmbedsNothing() throws Exception {
        write("schema/a.md", "# a\n\nOne.\n\n## Two\n\nTwo.");
        write("workflows/b.md", "# b\n\nThree.");
        KnowledgeIngestor ingestor = ingestor();

        IngestSummary first = ingestor.sync(false, IngestProgress.NONE);
        assertThat(first).extracting("added", "updated", "removed", "unchanged").containsExactly(3, 0, 0, 0);
        int embeddedAfterFirst = model.embedded.get();

        IngestSummary second = ingestor.sync(false, IngestProgress.NONE);
        assertThat(second)
                .extracting("added", "updated", "removed", "unchanged")
                .containsExactly(0, 0, 0, 3);
        assertThat(second.embedded()).isZero();
        assertThat(model.embedded.get()).isEqualTo(embeddedAfterFirst);
    }

    @Test
    void editingOneFileReEmbedsOnlyItsChangedChunksAndDeletingItRemovesThem() throws Exception {
        write("schema/a.md", "# a\n\nOne.\n\n## Two\n\nTwo.");
        write("workflows/b.md", "# b\n\nThree.");
        KnowledgeIngestor ingestor = ingestor();
        ingestor.sync(false, IngestProgress.NONE);
        int before = model.embedded.get();

        write("schema/a.md", "# a\n\nOne.\n\n## Two\n\nTwo, edited.\n\n## Extra\n\nNew section.");
        IngestSummary edited = ingestor.sync(false, IngestProgress.NONE);
        assertThat(edited)
                .extracting("added", "updated", "removed", "unchanged")
                .containsExactly(1, 1, 0, 2);
        assertThat(model.embedded.get() - before).isEqualTo(2);

        Files.delete(tree.resolve("schema/a.md"));
        IngestSummary deleted = ingestor.sync(false, IngestProgress.NONE);
        assertThat(deleted)
                .extracting("added", "updated", "removed", "unchanged")
                .containsExactly(0, 0, 3, 1);
        assertThat(store.states().values()).extracting(StoredState::document).containsOnly("workflows/b.md");
    }

    @Test
    void aMalformedFileIsReportedAndKeepsItsPreviousChunks() throws Exception {
        write("business_logic/rules.yaml", "bands:\n  high: 60\n");
        KnowledgeIngestor ingestor = ingestor();
        ingestor.sync(false, IngestProgress.NONE);

        write("business_logic/rules.yaml", "bands: [unclosed\n");
        List<String> skipped = new java.util.ArrayList<>();
        IngestSummary summary = ingestor.sync(false, new IngestProgress() {
            @Override
            public void skipped(String document, String reason) {
                skipped.add(document);
            }
        });
        assertThat(skipped).containsExactly("business_logic/rules.yaml");
        assertThat(summary.removed()).isZero();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aFullSyncRebuildsEverything() throws Exception {
        write("schema/a.md", "# a\n\nOne.");
        KnowledgeIngestor ingestor = ingestor();
        ingestor.sync(false, IngestProgress.NONE);

        IngestSummary full = ingestor.sync(true, IngestProgress.NONE);
        assertThat(full).extracting("added", "updated", "removed", "unchanged").containsExactly(1, 0, 0, 0);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void hybridSearchReturnsCitedHitsFromBothHalves() throws Exception {
        write(
                "schema/gong_call_f.md",
                "# gong_call_f\n\n## Pitfalls\n\nThe next-steps column is"
                        + " `gong__call_highlights_next_steps`.\n\n## Keys\n\nJoins accounts.");
        write("workflows/deal_assessment.md", "# Deal assessment\n\n## Evidence\n\nRead the champion's calls.");
        ingestor().sync(false, IngestProgress.NONE);
        HybridKnowledgeSearch search =
                new HybridKnowledgeSearch(store, FakeEmbeddingModel.embedder(model), HybridKnowledgeSearch.Mode.HYBRID);

        List<KnowledgeHit> hits = search.search("gong__call_highlights_next_steps", 2, Optional.empty());
        assertThat(hits.get(0).document()).isEqualTo("schema/gong_call_f.md");
        assertThat(hits.get(0).headingPath()).isEqualTo("gong_call_f > Pitfalls");
        assertThat(hits.get(0).score()).isBetween(0.0, 1.0);
        assertThat(search.search("champion calls", 5, Optional.of("workflows")))
                .extracting(KnowledgeHit::document)
                .containsOnly("workflows/deal_assessment.md");
    }

    KnowledgeIngestor ingestor() {
        return new KnowledgeIngestor(
                tree, new Chunker(ChunkingOptions.DEFAULT), FakeEmbeddingModel.embedder(model), store);
    }

    void write(String document, String content) throws Exception {
        Path file = tree.resolve(document);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
