package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code revbot serve} in embedded mode, a separate JVM as a user runs it: it writes {@code REVBOT_HOME/serve.json}
 * (owner-only) once it listens, {@code revbot jobs list} reads the queue through it, nobody else can, and the file
 * goes when the server stops.
 */
class EmbeddedServeJobsIT {
    @TempDir
    Path home;

    @Test
    void jobsListReachesTheRunningEmbeddedServerThroughItsServeFile() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                Main.class.getName(),
                "serve",
                "--port",
                "0",
                "--host",
                "127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> inherited = Map.copyOf(pb.environment());
        pb.environment().clear();
        for (String keep : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            if (inherited.containsKey(keep)) {
                pb.environment().put(keep, inherited.get(keep));
            }
        }
        pb.environment().put("REVBOT_HOME", home.toString());
        pb.environment()
                .put(
                        "REVBOT_SOURCE_ROOT",
                        Path.of("..").toAbsolutePath().normalize().toString());
        Process serve = pb.redirectOutput(home.resolve("serve.out").toFile())
                .redirectError(home.resolve("serve.err").toFile())
                .start();
        Path file = home.resolve("serve.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.exists(file) && serve.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(file).as(Files.readString(home.resolve("serve.err"))).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            JsonNode written = new ObjectMapper().readTree(Files.readString(file));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = RevbotCommand.commandLine(
                            Map.of("REVBOT_HOME", home.toString()),
                            Clock.systemUTC(),
                            new PrintWriter(out),
                            new PrintWriter(err))
                    .execute("jobs", "list", "--json");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(new ObjectMapper().readTree(out.toString()).isArray()).isTrue();
            try (HttpClient http = HttpClient.newHttpClient()) {
                URI jobs = URI.create(written.get("url").asText() + "/api/jobs");
                assertThat(http.send(HttpRequest.newBuilder(jobs).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .as("without the token")
                        .isEqualTo(401);
            }
        } finally {
            serve.destroy(); // SIGTERM: the graceful stop
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(file).as("gone with the server").doesNotExist();
    }
}
