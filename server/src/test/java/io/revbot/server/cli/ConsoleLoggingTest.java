package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each logging policy lets through to the terminal, logged through real java.util.logging loggers. */
class ConsoleLoggingTest {
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    @AfterEach
    void restoreTheJvmDefaults() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    String printed() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static void logLikeTheLibrariesAndRevBot() {
        Logger.getLogger("ai.djl.util.cuda.CudaUtils").warning("Failed to detect GPU count: CUDA driver version");
        Logger.getLogger("com.zaxxer.hikari.HikariDataSource").info("revbot - Start completed.");
        Logger.getLogger("org.flywaydb.core.internal.command.DbMigrate").info("Migrating schema to version 100");
        Logger.getLogger("io.helidon.common.config.GlobalConfig")
                .log(Level.WARNING, "Attempting to set a config instance", new IllegalStateException("registry"));
        Logger.getLogger("io.helidon.webserver.LoomServer").warning("a real server problem");
        Logger.getLogger("io.revbot.server.Components").info("4 workers claiming");
        Logger.getLogger("io.revbot.server.Components").warning("embedded mode: the job queue is in memory");
    }

    @Test
    void aCommandShowsRevBotsWarningsOnlyOnOneLineEach() {
        ConsoleLogging.configure(ConsoleLogging.Mode.COMMAND, false, Optional.empty(), stream);

        logLikeTheLibrariesAndRevBot();

        assertThat(printed())
                .isEqualTo("revbot: warning: embedded mode: the job queue is in memory" + System.lineSeparator());
    }

    @Test
    void theServerLogsRevBotsStepsAndLibraryWarningsButNotKnownNoise() {
        ConsoleLogging.configure(ConsoleLogging.Mode.SERVER, false, Optional.empty(), stream);

        logLikeTheLibrariesAndRevBot();

        assertThat(printed().lines())
                .hasSize(3)
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z (INFO|WARNING) +.+"));
        assertThat(printed())
                .contains("a real server problem")
                .contains("4 workers claiming")
                .contains("embedded mode")
                .doesNotContain("CUDA")
                .doesNotContain("Attempting to set a config instance")
                .doesNotContain("Hikari")
                .doesNotContain("\tat ");
    }

    @Test
    void verboseShowsTheLibrariesInfoToo() {
        ConsoleLogging.configure(ConsoleLogging.Mode.COMMAND, true, Optional.empty(), stream);

        logLikeTheLibrariesAndRevBot();

        assertThat(printed())
                .contains("CUDA")
                .contains("Start completed")
                .contains("Migrating schema")
                .contains("4 workers claiming")
                .doesNotContain("\tat ");
        assertThat(printed().lines()).hasSize(7);
    }

    @Test
    void aLogLevelAppliesToEveryLoggerAndDebugAddsStackTraces() {
        ConsoleLogging.configure(ConsoleLogging.Mode.COMMAND, false, Optional.of(Level.FINE), stream);

        Logger.getLogger("io.revbot.orchestrator.ManagerLoop").fine("turn 1 of 8");
        Logger.getLogger("org.flywaydb.core.FlywayExecutor").fine("Database: jdbc:postgresql://…");
        Logger.getLogger("io.revbot.orchestrator.ManagerLoop").finest("too fine");
        Logger.getLogger("io.revbot.x").log(Level.WARNING, "failed", new IllegalStateException("boom"));

        assertThat(printed())
                .contains("revbot: fine: turn 1 of 8")
                .contains("Database: jdbc:postgresql")
                .doesNotContain("too fine")
                .contains("revbot: warning: failed: java.lang.IllegalStateException: boom")
                .contains("\tat ");
    }

    @Test
    void aSevereFailureKeepsItsStackTraceEvenByDefault() {
        ConsoleLogging.configure(ConsoleLogging.Mode.SERVER, false, Optional.empty(), stream);

        Logger.getLogger("io.helidon.webserver.http.ErrorHandlers")
                .log(Level.SEVERE, "Internal server error", new IllegalStateException("bug"));
        Logger.getLogger("io.revbot.server.queue.JobWorkers")
                .log(Level.WARNING, "job failed, retrying", new IllegalStateException("upstream down"));

        assertThat(printed())
                .contains(
                        "SEVERE  [io.helidon.webserver.http.ErrorHandlers] Internal server error: java.lang.IllegalStateException: bug")
                .contains("WARNING job failed, retrying: java.lang.IllegalStateException: upstream down");
        assertThat(printed().split("\tat ", -1))
                .as("one stack trace, the SEVERE one's")
                .hasSizeGreaterThan(1);
        assertThat(printed().substring(printed().indexOf("job failed"))).doesNotContain("\tat ");
    }
}
