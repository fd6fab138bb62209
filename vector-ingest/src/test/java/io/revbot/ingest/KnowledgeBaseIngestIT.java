package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.tools.knowledge.KnowledgeHit;
import io.revbot.tools.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real knowledge base, embedded with the real MiniLM model, into pgvector: a second run embeds nothing, an edit
 * re-embeds only the edited file's changed chunks, a deletion removes the file's chunks, and hybrid search finds
 * exact identifiers through PostgreSQL full-text search.
 */
class KnowledgeBaseIngestIT {
    @TempDir
    Path tree;

    @Test
    void ingestingTheKnowledgeBaseIntoPgvectorIsIncremental() throws Exception {
        copy(RetrievalQualityTest.knowledgeBase(), tree);
        String url = TestDatabases.freshSchema(TestDatabases.pgvectorUrl(), "knowledge_ingest");
        try (KnowledgeBase kb = KnowledgeBase.pgvector(tree, url, Embedder::miniLm)) {
            IngestSummary first = kb.ingest(false, IngestProgress.NONE);
            assertThat(first.added()).isGreaterThan(100);
            System.out.println("pgvector, first run: " + first.line());

            IngestSummary second = kb.ingest(false, IngestProgress.NONE);
            assertThat(second.embedded()).isZero();
            assertThat(second.unchanged()).isEqualTo(first.added());

            Path edited = tree.resolve("workflows/poc_execution.md");
            Files.writeString(edited, Files.readString(edited).replace("30 days", "21 days"));
            IngestSummary afterEdit = kb.ingest(false, IngestProgress.NONE);
            assertThat(afterEdit.embedded()).isBetween(1, 2);
            assertThat(afterEdit.removed()).isZero();

            Files.delete(tree.resolve("schema/transcript.md"));
            IngestSummary afterDelete = kb.ingest(false, IngestProgress.NONE);
            assertThat(afterDelete.removed()).isPositive();
            assertThat(afterDelete.embedded()).isZero();

            List<KnowledgeHit> hits = kb.search().search("gong__call_highlights_next_steps", 3, Optional.of("schema"));
            assertThat(hits.get(0).document()).isEqualTo("schema/gong_call_f.md");
            assertThat(kb.search().search("transcript demo only", 10, Optional.empty()))
                    .noneMatch(h -> h.document().equals("schema/transcript.md"));
            assertThat(kb.search().search("how long should a POC run", 3, Optional.empty()))
                    .anyMatch(h -> h.text().contains("21 days"));
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
