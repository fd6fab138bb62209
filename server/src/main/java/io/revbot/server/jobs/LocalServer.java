package io.revbot.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.tools.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How a command finds the {@code serve} running on the same {@code REVBOT_HOME} in embedded mode, where the job queue
 * lives in that process's memory: {@code serve} writes {@code REVBOT_HOME/serve.json} ({@code url} and a fresh
 * operator {@code token}, owner-only permissions) once it listens, and deletes it when it stops. Whoever can read
 * {@code REVBOT_HOME} can read everything RevBot stored there anyway.
 */
public final class LocalServer {
    /** The name the token goes by among the operators' tokens. */
    public static final String TOKEN_NAME = "local-cli";

    private final Path file;

    public LocalServer(Path home) {
        this.file = home.resolve("serve.json");
    }

    /** A new random token for this run of {@code serve}. */
    public static Secret newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.of("rbl_" + HexFormat.of().formatHex(bytes));
    }

    /** Where the server is and the token to call it with. */
    public record Address(URI url, Secret token) {}

    public void write(int port, Secret token) {
        ObjectNode out = JobView.MAPPER.createObjectNode();
        out.put("url", "http://127.0.0.1:" + port);
        out.put("token", token.reveal());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "serve", ".json");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own permissions protect it
            }
            Files.writeString(tmp, JobView.MAPPER.writeValueAsString(out));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the file: the server that wrote it is stopping. */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** The running server's address, if one wrote its file. */
    public Optional<Address> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JobView.MAPPER.readTree(Files.readString(file));
            return Optional.of(new Address(
                    URI.create(node.path("url").asText()),
                    Secret.of(node.path("token").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Path file() {
        return file;
    }
}
