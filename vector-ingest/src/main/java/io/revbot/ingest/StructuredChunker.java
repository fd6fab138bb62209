package io.revbot.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Splits JSON and YAML documents along their structure: one chunk per top-level key (or list item); a value too
 * large for one chunk is split into its own keys, recursively. The heading path is the file name followed by the
 * key path ({@code stages > negotiate > exit_criteria}); the text is the value, printed in the file's own format.
 */
final class StructuredChunker {
    enum Format {
        JSON,
        YAML
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ChunkingOptions options;
    private final ObjectMapper reader;
    private final int maxNesting;

    /** @param maxNesting the deepest nesting of values read; deeper documents are refused by the parsers */
    StructuredChunker(ChunkingOptions options, int maxNesting) {
        this.options = Objects.requireNonNull(options, "options");
        this.maxNesting = maxNesting;
        this.reader = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNesting)
                        .build())
                .build());
    }

    /** @throws IllegalArgumentException when the text is not valid JSON or YAML */
    List<Chunk> chunk(String document, String content, Format format) {
        List<Object> roots = new ArrayList<>();
        try {
            if (format == Format.JSON) {
                roots.add(reader.readValue(content, Object.class));
            } else {
                LoaderOptions loader = new LoaderOptions();
                loader.setNestingDepthLimit(maxNesting);
                for (Object root : new Yaml(new SafeConstructor(loader)).loadAll(content)) {
                    if (root != null) {
                        roots.add(root);
                    }
                }
            }
        } catch (JsonProcessingException | YAMLException e) {
            throw new IllegalArgumentException(document + " is not valid " + format + ": " + e.getMessage(), e);
        }
        List<Chunk> chunks = new ArrayList<>();
        String title = MarkdownChunker.titleFromFileName(document);
        for (Object root : roots) {
            walk(document, title, root, format, chunks, true);
        }
        return chunks;
    }

    private void walk(String document, String path, Object value, Format format, List<Chunk> out, boolean root) {
        String printed = print(value, format);
        boolean splittable = value instanceof Map<?, ?> m && !m.isEmpty() || value instanceof List<?> l && !l.isEmpty();
        if (printed.length() <= options.maxChars() && !(root && splittable)) {
            addChunks(document, path, printed, out);
            return;
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(document, path + Chunk.PATH_SEPARATOR + e.getKey(), e.getValue(), format, out, false);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                walk(document, path + Chunk.PATH_SEPARATOR + "[" + i + "]", list.get(i), format, out, false);
            }
        } else {
            addChunks(document, path, printed, out);
        }
    }

    private void addChunks(String document, String path, String text, List<Chunk> out) {
        if (text.isBlank()) {
            return;
        }
        List<String> texts = new Packer(options).pack(List.of(new MarkdownChunker.Piece(text, false)));
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Chunk(document, path, i, texts.get(i)));
        }
    }

    private static String print(Object value, Format format) {
        if (value instanceof String s) {
            return s.strip();
        }
        if (format == Format.JSON) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setWidth(120);
        return new Yaml(dump).dump(value).strip();
    }
}
