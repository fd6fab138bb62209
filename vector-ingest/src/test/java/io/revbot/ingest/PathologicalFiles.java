package io.revbot.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Knowledge files that once broke ingestion, each written into a tree; the map says why each must be skipped. */
final class PathologicalFiles {
    private PathologicalFiles() {}

    /** Writes them under {@code dir}; returns document name → a word of the reason it is skipped. */
    static Map<String, String> write(Path dir) throws IOException {
        Map<String, String> written = new LinkedHashMap<>();
        // 200 KB of emphasis nested in emphasis: overflowed the stack (the watcher thread died)
        write(dir, "bad/emphasis.md", "# Emphasis\n\n" + "*a ".repeat(33_000) + "a* ".repeat(33_000) + "\n");
        written.put("bad/emphasis.md", "nested");
        // list items nested in list items, 3,000 deep, on one line
        write(dir, "bad/lists.md", "# Lists\n\n" + "- ".repeat(3_000) + "deep\n");
        written.put("bad/lists.md", "nested");
        // block quotes nested 100,000 deep
        write(dir, "bad/quotes.md", "# Quotes\n\n" + ">".repeat(100_000) + " deep\n");
        written.put("bad/quotes.md", "nested");
        // over the size limit
        write(dir, "bad/huge.md", "# Huge\n\n" + "filler words about pipeline. ".repeat(80_000));
        written.put("bad/huge.md", "bytes");
        // JSON that does not parse, and JSON and YAML nested too deep
        write(dir, "bad/broken.json", "{\"stages\": [1, 2");
        written.put("bad/broken.json", "not valid JSON");
        write(dir, "bad/deep.json", "[".repeat(10_000) + "]".repeat(10_000));
        written.put("bad/deep.json", "JSON");
        write(dir, "bad/deep.yaml", "a: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
        written.put("bad/deep.yaml", "YAML");
        // not UTF-8
        Files.write(dir.resolve("bad/binary.md"), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x00, 0x41});
        written.put("bad/binary.md", "");
        return written;
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
