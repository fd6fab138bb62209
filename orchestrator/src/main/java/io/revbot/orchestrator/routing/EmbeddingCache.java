package io.revbot.orchestrator.routing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The example questions' embeddings on disk ({@code REVBOT_HOME/cache/router-embeddings.bin}), so a process that
 * starts does not embed hundreds of examples again: only examples added since are embedded. Keyed by the model and
 * the text, so an edited example or another model never reads a stale vector. A file that cannot be read is ignored
 * (and rewritten); one that cannot be written costs only the next start's time.
 */
final class EmbeddingCache {
    private static final System.Logger LOG = System.getLogger(EmbeddingCache.class.getName());
    private static final int MAGIC = 0x52564231; // "RVB1"

    private final Optional<Path> file;
    private final String model;
    private final Map<String, float[]> vectors = new LinkedHashMap<>();
    private boolean changed;

    private EmbeddingCache(Optional<Path> file, String model) {
        this.file = file;
        this.model = model;
    }

    /** The cache in {@code file} for {@code model}; empty {@code file} means a cache that only lives in memory. */
    static EmbeddingCache open(Optional<Path> file, String model) {
        EmbeddingCache cache = new EmbeddingCache(file, model);
        file.filter(Files::isRegularFile).ifPresent(cache::read);
        return cache;
    }

    synchronized Optional<float[]> get(String text) {
        return Optional.ofNullable(vectors.get(key(text)));
    }

    synchronized void put(String text, float[] vector) {
        if (vectors.put(key(text), vector.clone()) == null) {
            changed = true;
        }
    }

    /** Writes the file when vectors were added (atomically: a reader never sees half a file). */
    synchronized void save() {
        if (!changed || file.isEmpty()) {
            return;
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), "router-embeddings", ".tmp");
            try (OutputStream raw = Files.newOutputStream(temp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeInt(vectors.size());
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            changed = false;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the router's embedding cache " + target + ": " + e);
        }
    }

    private void read(Path path) {
        try (InputStream raw = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a router embedding cache");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                vectors.put(key, v);
            }
        } catch (IOException | RuntimeException e) {
            vectors.clear();
            LOG.log(System.Logger.Level.INFO, "ignoring the router's embedding cache " + path + ": " + e);
        }
    }

    private String key(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
