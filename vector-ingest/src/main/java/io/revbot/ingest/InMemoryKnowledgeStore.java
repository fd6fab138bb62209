package io.revbot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The embedded knowledge store: chunks and vectors in memory, exact cosine search, BM25 keyword search, persisted to
 * one gzipped JSON file (by default {@code REVBOT_HOME/knowledge/index.json.gz}) on {@link #flush()}. Exact search is
 * fast enough for a knowledge base of tens of thousands of chunks; larger ones belong in pgvector.
 */
public final class InMemoryKnowledgeStore implements KnowledgeStore {
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private final Map<UUID, Entry> entries = new LinkedHashMap<>();
    private EmbeddingModelId model;
    private Bm25Index keywordIndex;
    private boolean dirty;

    private record Entry(StoredChunk stored, float[] unit) {}

    /** A store kept in {@code file} (created on the first flush). */
    public static InMemoryKnowledgeStore persistedIn(Path file) {
        return new InMemoryKnowledgeStore(Optional.of(file));
    }

    /** A store that lives only as long as the process (tests, benchmarks). */
    public static InMemoryKnowledgeStore transientStore() {
        return new InMemoryKnowledgeStore(Optional.empty());
    }

    private InMemoryKnowledgeStore(Optional<Path> file) {
        this.file = file;
    }

    @Override
    public synchronized void open(EmbeddingModelId configured, boolean rebuild) {
        if (model == null && file.isPresent() && Files.exists(file.get())) {
            load(file.get());
        }
        if (rebuild) {
            entries.clear();
            keywordIndex = null;
            model = configured;
            dirty = true;
            return;
        }
        if (model != null && !entries.isEmpty()) {
            model.requireSameAs(configured);
        }
        model = configured;
    }

    @Override
    public synchronized Optional<EmbeddingModelId> model() {
        return Optional.ofNullable(model);
    }

    @Override
    public synchronized Map<UUID, StoredState> states() {
        Map<UUID, StoredState> states = new LinkedHashMap<>();
        entries.forEach((id, e) -> states.put(
                id, new StoredState(e.stored().chunk().document(), e.stored().contentHash())));
        return states;
    }

    @Override
    public synchronized void upsert(List<StoredChunk> chunks) {
        requireOpen();
        for (StoredChunk c : chunks) {
            if (c.vector().length != model.dimension()) {
                throw new IllegalArgumentException(
                        "vector of " + c.vector().length + " dimensions for a store of " + model);
            }
            entries.put(c.chunk().id(), new Entry(c, unit(c.vector())));
        }
        changed();
    }

    @Override
    public synchronized void remove(Collection<UUID> ids) {
        boolean any = false;
        for (UUID id : ids) {
            any |= entries.remove(id) != null;
        }
        if (any) {
            changed();
        }
    }

    @Override
    public List<ScoredChunk> nearest(float[] vector, int k, Optional<String> folder) {
        List<Entry> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(entries.values());
        }
        float[] q = unit(vector);
        // Top k with a bounded min-heap: no sort of the whole store.
        PriorityQueue<ScoredChunk> best = new PriorityQueue<>(Comparator.comparingDouble(ScoredChunk::score));
        for (Entry e : snapshot) {
            if (folder.isPresent() && !e.stored().chunk().folder().equals(folder.get())) {
                continue;
            }
            double score = (1 + dot(q, e.unit())) / 2;
            if (best.size() < k) {
                best.add(new ScoredChunk(e.stored().chunk(), score));
            } else if (score > best.peek().score()) {
                best.poll();
                best.add(new ScoredChunk(e.stored().chunk(), score));
            }
        }
        List<ScoredChunk> hits = new ArrayList<>(best);
        hits.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
        return hits;
    }

    @Override
    public List<ScoredChunk> keyword(String query, int k, Optional<String> folder) {
        Bm25Index index;
        synchronized (this) {
            if (keywordIndex == null) {
                keywordIndex = new Bm25Index(
                        entries.values().stream().map(e -> e.stored().chunk()).toList());
            }
            index = keywordIndex;
        }
        return index.search(query, k, folder);
    }

    @Override
    public synchronized int size() {
        return entries.size();
    }

    @Override
    public synchronized void flush() {
        if (!dirty || file.isEmpty()) {
            return;
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                JSON.writeValue(out, toJson());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the knowledge index " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void changed() {
        keywordIndex = null;
        dirty = true;
    }

    private void requireOpen() {
        if (model == null) {
            throw new IllegalStateException("open the store first");
        }
    }

    private ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.putObject("model").put("name", model.name()).put("dimension", model.dimension());
        ArrayNode chunks = root.putArray("chunks");
        for (Entry e : entries.values()) {
            Chunk c = e.stored().chunk();
            chunks.addObject()
                    .put("document", c.document())
                    .put("heading_path", c.headingPath())
                    .put("ordinal", c.ordinal())
                    .put("text", c.text())
                    .put("hash", e.stored().contentHash())
                    .put("vector", encode(e.stored().vector()));
        }
        return root;
    }

    private void load(Path path) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
            JsonNode root = JSON.readTree(in);
            if (root.path("format").asInt() != FORMAT) {
                throw new IllegalStateException(path + " has an unknown format; delete it and run `revbot ingest`");
            }
            model = new EmbeddingModelId(
                    root.path("model").path("name").asText(),
                    root.path("model").path("dimension").asInt());
            for (JsonNode n : root.path("chunks")) {
                Chunk c = new Chunk(
                        n.path("document").asText(),
                        n.path("heading_path").asText(),
                        n.path("ordinal").asInt(),
                        n.path("text").asText());
                float[] vector = decode(n.path("vector").asText());
                entries.put(c.id(), new Entry(new StoredChunk(c, n.path("hash").asText(), vector), unit(vector)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the knowledge index " + path + " (" + e.getMessage()
                            + "); delete it and run `revbot ingest --full`",
                    e);
        }
    }

    private static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] u = new float[v.length];
        if (norm == 0) {
            return u;
        }
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
