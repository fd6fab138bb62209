package io.revbot.server.mcp;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official MCP TypeScript SDK's client, from {@code scripts/mcp-client} (installed with {@code npm ci} from the
 * committed lock file on first use), driven by {@code probe.mjs}: it connects, lists tools and resources, reads one,
 * makes the planned calls and prints what it saw as JSON. Without node the tests are skipped on a developer machine
 * and fail in CI ({@code CI} or {@code REVBOT_REQUIRE_DB=1}), like the other tests that need an outside program.
 */
final class NodeMcpClient {
    static final Path DIR =
            Path.of("..", "scripts", "mcp-client").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeMcpClient() {}

    static boolean required() {
        return System.getenv("CI") != null || "1".equals(System.getenv("REVBOT_REQUIRE_DB"));
    }

    /** Installs the client when it is missing; skips (or, when required, fails) without node and npm. */
    static void install() throws IOException, InterruptedException {
        if (Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            return;
        }
        Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        if (npm.exit() != 0) {
            unavailable("npm ci in " + DIR + " failed (exit " + npm.exit() + "): " + npm.output());
        }
    }

    /** Runs the probe with {@code plan} and returns its report. */
    static JsonNode probe(ObjectNode plan, Path workDir) throws IOException, InterruptedException {
        long id = System.nanoTime();
        Path out = workDir.resolve("report-" + id + ".json");
        plan.put("out", out.toString());
        Path file = Files.writeString(workDir.resolve("plan-" + id + ".json"), plan.toString());
        Run run = run(List.of("node", DIR.resolve("probe.mjs").toString(), file.toString()), 240);
        if (!Files.exists(out)) {
            fail("the MCP client wrote no report (exit " + run.exit() + "):\n" + run.output());
        }
        JsonNode report = JSON.readTree(out.toFile());
        if (report.has("error")) {
            fail("the MCP client failed: " + report.path("error").asText() + "\n" + run.output());
        }
        return report;
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("mcp-client", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(DIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            unavailable(command.getFirst() + " cannot be started: " + e.getMessage());
            throw e;
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Run(process.exitValue(), output);
    }

    private static void unavailable(String reason) {
        if (required()) {
            fail("the MCP end-to-end test needs node and npm: " + reason);
        }
        abort("skipped: " + reason);
    }
}
