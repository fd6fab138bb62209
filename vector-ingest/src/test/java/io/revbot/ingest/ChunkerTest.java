package io.revbot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private final Chunker chunker = new Chunker(ChunkingOptions.DEFAULT);

    @Test
    void markdownIsSplitOnHeadingsAndEveryChunkCarriesItsHeadingPath() {
        List<Chunk> chunks = chunker.chunk("workflows/playbook.md", Fixtures.read("chunking/playbook.md"));

        assertThat(chunks)
                .extracting(Chunk::headingPath)
                .containsExactly(
                        "Deal review",
                        "Deal review > Evidence > Calls",
                        "Deal review > Evidence > MEDDPICC",
                        "Deal review > Answer");
        assertThat(chunks).allSatisfy(c -> assertThat(c.embeddingText()).startsWith(c.headingPath() + "\n\n"));
        assertThat(chunks.get(0).folder()).isEqualTo("workflows");
    }

    @Test
    void codeBlocksAndTablesAreKeptWholeAndAHashInCodeIsNotAHeading() {
        List<Chunk> chunks = chunker.chunk("workflows/playbook.md", Fixtures.read("chunking/playbook.md"));

        assertThat(chunks.get(1).text())
                .contains("```sql\n-- # not a heading\nSELECT gong__call_highlights_next_steps\nFROM gong_call_f\n"
                        + "WHERE NOT is_deleted\n```");
        assertThat(chunks.get(2).text())
                .isEqualTo("| element | question |\n|---|---|\n| Metrics | what number improves? |\n"
                        + "| Champion | who sells for us? |");
    }

    @Test
    void htmlCommentsAreNotIngested() {
        assertThat(chunker.chunk("a.md", Fixtures.read("chunking/playbook.md")))
                .noneMatch(c -> c.text().contains("note for editors"));
    }

    @Test
    void aDocumentWithoutATitleIsNamedAfterItsFile() {
        List<Chunk> chunks = chunker.chunk("schema/notes.md", "Just text.\n\n## Part\n\nMore.");
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly("notes", "notes > Part");
    }

    @Test
    void longProseIsBoundedWithOverlapAndLongCodeStaysWhole() {
        ChunkingOptions small = new ChunkingOptions(200, 40);
        Chunker tight = new Chunker(small);
        String sentence = "Pipeline is every open opportunity with a close date in the quarter. ";
        String longCode = "```sql\n" + "SELECT 1 AS a, 2 AS b, 3 AS c\nUNION ALL\n".repeat(10) + "SELECT 1, 2, 3\n```";
        List<Chunk> chunks = tight.chunk("x.md", "# T\n\n" + sentence.repeat(12) + "\n\n" + longCode);

        List<Chunk> prose =
                chunks.stream().filter(c -> !c.text().contains("```")).toList();
        assertThat(prose).hasSizeGreaterThan(3);
        assertThat(prose).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(200));
        for (int i = 1; i < prose.size(); i++) {
            String previous = prose.get(i - 1).text();
            String overlap = prose.get(i).text().substring(1, 20);
            assertThat(previous)
                    .as("chunk %d starts with the end of chunk %d", i, i - 1)
                    .contains(overlap);
        }
        assertThat(chunks)
                .filteredOn(c -> c.text().contains("```"))
                .singleElement()
                .satisfies(c -> assertThat(c.text()).contains(longCode));
        assertThat(chunks).extracting(Chunk::ordinal).startsWith(0, 1, 2);
    }

    @Test
    void yamlIsSplitByKeysWithTheKeyPathAsHeading() {
        List<Chunk> chunks = chunker.chunk("business_logic/rules.yaml", Fixtures.read("chunking/rules.yaml"));
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly("rules > stages", "rules > regions");
        assertThat(chunks.get(0).text()).contains("negotiate:").contains("exit_criteria: paper process started");
    }

    @Test
    void jsonIsSplitByKeysAndPrintedAsJson() {
        List<Chunk> chunks = chunker.chunk("business_logic/rules.json", Fixtures.read("chunking/rules.json"));
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly("rules > bands", "rules > owner");
        assertThat(chunks.get(0).text()).contains("\"critical\" : 80");
        assertThat(chunks.get(1).text()).isEqualTo("revops");
    }

    @Test
    void malformedStructuredFilesAreRefusedWithTheFileName() {
        assertThatThrownBy(() -> chunker.chunk("bad.json", "{\"a\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json");
    }

    @Test
    void identityDependsOnPlaceAndHashOnContent() {
        Chunk a = new Chunk("d.md", "T > S", 0, "one");
        Chunk b = new Chunk("d.md", "T > S", 0, "two");
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.contentHash()).isNotEqualTo(b.contentHash());
        assertThat(new Chunk("d.md", "T > S", 1, "one").id()).isNotEqualTo(a.id());
        assertThat(Chunker.accepts("x.YML")).isTrue();
        assertThat(Chunker.accepts("x.txt")).isFalse();
    }
}
