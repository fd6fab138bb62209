package io.revbot.orchestrator.routing;

import io.revbot.agents.RoutingSpec;
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
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The trained classifier on disk ({@code REVBOT_HOME/cache/router-classifier.bin}): training takes seconds, so a
 * process reuses the weights trained for the same examples, settings and embedding model, and trains only when one of
 * them changed. The key is a hash of all three; any mismatch or unreadable file means training again.
 */
final class ClassifierCache {
    private static final System.Logger LOG = System.getLogger(ClassifierCache.class.getName());
    private static final int MAGIC = 0x52564332; // "RVC2"

    private ClassifierCache() {}

    static ExampleClassifier loadOrTrain(
            Optional<Path> file,
            String model,
            List<ExampleClassifier.Example> examples,
            RoutingSpec.Classifier settings,
            Supplier<ExampleClassifier> train) {
        if (file.isEmpty()) {
            return train.get();
        }
        String key = key(model, examples, settings);
        Optional<ExampleClassifier> cached = read(file.get(), key);
        if (cached.isPresent()) {
            return cached.get();
        }
        ExampleClassifier trained = train.get();
        write(file.get(), key, trained);
        return trained;
    }

    private static Optional<ExampleClassifier> read(Path path, String key) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (InputStream raw = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(key)) {
                return Optional.empty();
            }
            return Optional.of(ExampleClassifier.read(in));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "ignoring the router's classifier cache " + path + ": " + e);
            return Optional.empty();
        }
    }

    private static void write(Path path, String key, ExampleClassifier classifier) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "router-classifier", ".tmp");
            try (OutputStream raw = Files.newOutputStream(temp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeInt(MAGIC);
                out.writeUTF(key);
                classifier.write(out);
            }
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the router's classifier cache " + path + ": " + e);
        }
    }

    static String key(String model, List<ExampleClassifier.Example> examples, RoutingSpec.Classifier settings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((model + "\n" + describe(settings) + "\n").getBytes(StandardCharsets.UTF_8));
            for (ExampleClassifier.Example e : examples) {
                sha.update((e.agent().value() + "\t" + e.question() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The settings as text, the same in every process: the record's own {@code toString} prints its set of kept words
     * in an order that changes from one JVM to the next, which made every process train again.
     */
    private static String describe(RoutingSpec.Classifier s) {
        return String.join(
                ";",
                "l2=" + s.l2(),
                "epochs=" + s.epochs(),
                "learningRate=" + s.learningRate(),
                "momentum=" + s.momentum(),
                "lexicalFeatures=" + s.lexicalFeatures(),
                "lexicalWeight=" + s.lexicalWeight(),
                "keepWords=" + new TreeSet<>(s.keepWords()));
    }
}
