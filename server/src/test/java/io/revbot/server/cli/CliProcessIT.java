package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.testing.FakeConverse;
import io.revbot.server.Main;
import io.revbot.tools.testing.TestDatabases;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it: a separate JVM through {@code Main}, so what reaches stderr is exactly what a terminal
 * would show, library logging included.
 */
class CliProcessIT {
    @TempDir
    Path home;

    @TempDir
    Path tree;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void writeTree() throws Exception {
        Files.createDirectories(tree.resolve("workflows"));
        Files.writeString(
                tree.resolve("workflows/deal_assessment.md"),
                "# Deal assessment\n\n## Evidence\n\nRead the last five calls before judging the stage.\n");
    }

    Run revbot(String... args) throws Exception {
        return revbot(Map.of(), args);
    }

    Run revbot(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                // as the launcher runs it: Netty (Bedrock streaming) otherwise warns about sun.misc.Unsafe on JDK 24+
                "-Dio.netty.noUnsafe=true",
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // A user's shell, not the build's: no REVBOT_*, AWS_* or other settings leak in from CI.
        Map<String, String> inherited = Map.copyOf(pb.environment());
        pb.environment().clear();
        for (String keep : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
            if (inherited.containsKey(keep)) {
                pb.environment().put(keep, inherited.get(keep));
            }
        }
        pb.environment().put("REVBOT_HOME", home.toString());
        pb.environment().put("REVBOT_KNOWLEDGE_DIR", tree.toString());
        pb.environment().putAll(environment);
        Path out = home.resolve("stdout.txt");
        Path err = home.resolve("stderr.txt");
        Process process =
                pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("revbot finished").isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void kbSearchPrintsNoLibraryLoggingOnStderrUnlessVerbose() throws Exception {
        Run quiet = revbot("kb", "search", "how many calls to read before judging the stage");

        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.out()).contains("Deal assessment");
        assertThat(quiet.err().lines())
                .as("only the command's own progress lines and bar: " + quiet.err())
                .isNotEmpty()
                .allMatch(l -> l.isEmpty() || l.startsWith("kb: ") || l.startsWith("Embedding "));

        Run verbose = revbot("kb", "search", "stage", "--verbose");

        assertThat(verbose.exit()).as(verbose.err()).isZero();
        assertThat(verbose.err().lines())
                .as("the libraries' logging, now asked for")
                .anyMatch(l -> l.contains("[ai.djl."));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() throws Exception {
        Run blank = revbot("ask", "");
        Run quarter = revbot("pipeline", "--quarter", "2026-Q5");

        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).isEqualTo("revbot: QUESTION is empty (see revbot ask --help)" + System.lineSeparator());
        assertThat(quarter.exit()).isEqualTo(2);
        assertThat(quarter.err().lines()).hasSize(1);
        assertThat(quarter.err()).contains("2026-Q5").doesNotContain("Exception");
    }

    @Test
    void askWithASessionRemembersTheFirstProcesssQuestionInTheSecondWithoutADatabase() throws Exception {
        FakeConverse converse = new FakeConverse();
        converse.on(
                "You are RevBot, the revenue operations assistant",
                List.of(
                        FakeConverse.text("Noted: your territory is EMEA."),
                        FakeConverse.text("Your territory is EMEA.")));
        try (MockWebServer bedrock = new MockWebServer()) {
            bedrock.setDispatcher(converse);
            bedrock.start(InetAddress.getLoopbackAddress(), 0);
            Map<String, String> model = Map.of(
                    "REVBOT_MODEL_PROVIDER", "bedrock",
                    "REVBOT_MODEL", "test-model",
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "AKIDTEST",
                    "AWS_SECRET_ACCESS_KEY", "test-secret",
                    "REVBOT_BEDROCK_ENDPOINT", "http://127.0.0.1:" + bedrock.getPort(),
                    "REVBOT_SOURCE_ROOT",
                            Path.of("..").toAbsolutePath().normalize().toString());

            Run first = revbot(model, "ask", "My territory is EMEA", "--session", "X", "--quiet");
            Run second = revbot(model, "ask", "Which territory is mine?", "--session", "X", "--quiet");

            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(second.exit()).as(second.err()).isZero();
            assertThat(second.out().strip()).isEqualTo("Your territory is EMEA.");
            assertThat(converse.received()).hasSize(2);
            assertThat(converse.received().get(1).body().path("messages").toString())
                    .contains("My territory is EMEA")
                    .contains("Noted: your territory is EMEA.");
            assertThat(second.err()).as("no library logging").isEmpty();
        }
    }

    @Test
    void serveAgainstAPostgresqlWithoutPgvectorStopsAtStartUpWithOneLineSayingHowToFixIt() throws Exception {
        String url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "serve_nopgvector");
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")) {
            rs.next();
            Assumptions.assumeTrue(rs.getInt(1) == 0, "this PostgreSQL has pgvector; the test needs one without");
        }

        Run serve = revbot(Map.of("REVBOT_DATABASE_URL", url), "serve", "--port", "0", "--host", "127.0.0.1");

        assertThat(serve.exit()).isEqualTo(1);
        assertThat(serve.err().lines()).as(serve.err()).hasSize(1);
        assertThat(serve.err())
                .startsWith(
                        "revbot: configuration error: REVBOT_VECTOR_DATABASE_URL: the knowledge store needs pgvector")
                .contains("REVBOT_VECTOR_DATABASE_URL=embedded")
                .doesNotContain("Exception", "Flyway");

        Run embedded = revbot(
                Map.of("REVBOT_DATABASE_URL", url, "REVBOT_VECTOR_DATABASE_URL", "embedded"),
                "kb",
                "search",
                "how many calls to read before judging the stage");
        assertThat(embedded.exit()).as(embedded.err()).isZero();
        assertThat(embedded.out()).contains("Deal assessment");
    }
}
