package io.revbot.ingest.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaDocsTest {
    private static Map<String, List<SchemaDocs.Column>> schema;
    private static Path schemaDir;

    @BeforeAll
    static void loadSchema() throws Exception {
        schema = SchemaDocs.liveSchema();
        schemaDir = KnowledgeBaseDir.get().resolve("schema");
        if ("write".equals(System.getProperty("revbot.schemaDocs"))) {
            SchemaDocs.writeAll(schemaDir);
        }
    }

    @Test
    void theLiveSchemaIsReadFromSchemaSql() {
        assertThat(schema).containsKeys("opportunity_d", "gong_call_f", "consumption_daily_d");
        assertThat(schema.get("gong_call_f"))
                .extracting(SchemaDocs.Column::name)
                .contains("gong__call_highlights_next_steps");
    }

    @Test
    void everyWarehouseTableHasASchemaDocument() {
        for (String table : schema.keySet()) {
            assertThat(schemaDir.resolve(table + ".md"))
                    .as("schema doc of " + table)
                    .exists();
        }
    }

    @Test
    void everyColumnIsDocumentedWithItsLiveTypeAndADescription() throws Exception {
        for (var entry : schema.entrySet()) {
            String markdown = Files.readString(schemaDir.resolve(entry.getKey() + ".md"));
            assertThat(markdown).contains(SchemaDocs.HEADER);
            Map<String, String> documented = SchemaDocs.documentedColumns(markdown);
            assertThat(documented.keySet())
                    .as("documented columns of " + entry.getKey())
                    .containsExactlyElementsOf(entry.getValue().stream()
                            .map(SchemaDocs.Column::name)
                            .toList());
            documented.forEach((column, description) -> assertThat(description)
                    .as(entry.getKey() + "." + column + " needs a description")
                    .isNotBlank());
            assertThat(SchemaDocs.regenerate(entry.getKey(), markdown, entry.getValue()))
                    .as(entry.getKey() + ".md is out of step with schema.sql; rerun with -Drevbot.schemaDocs=write")
                    .isEqualTo(markdown);
        }
    }

    @Test
    void noSchemaDocumentDescribesATableThatDoesNotExist() throws Exception {
        try (Stream<Path> files = Files.list(schemaDir)) {
            List<String> documented = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md") && !n.equals("README.md"))
                    .map(n -> n.substring(0, n.length() - 3))
                    .toList();
            assertThat(schema.keySet()).containsAll(documented);
        }
    }

    @Test
    void regenerationKeepsDescriptionsAndFollowsTheSchema() {
        String doc = "# t\n\n" + SchemaDocs.BEGIN + "\n" + SchemaDocs.HEADER + "\n|---|---|---|\n"
                + "| a | INTEGER | written by a person |\n| dropped | VARCHAR | gone |\n" + SchemaDocs.END + "\n";
        String next = SchemaDocs.regenerate(
                "t",
                doc,
                List.of(new SchemaDocs.Column("a", "BIGINT", "ignored"), new SchemaDocs.Column("b", "DATE", "new")));
        assertThat(next)
                .contains("| a | BIGINT | written by a person |")
                .contains("| b | DATE | new |")
                .doesNotContain("dropped");
    }
}
