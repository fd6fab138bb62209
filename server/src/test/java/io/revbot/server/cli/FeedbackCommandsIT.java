package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.PostgresFeedbackStore;
import io.revbot.orchestrator.recording.RunFeedback;
import io.revbot.server.db.Database;
import io.revbot.tools.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code REVBOT_DATABASE_URL} set, feedback lives in PostgreSQL: a click stored by one process (here, the store
 * directly) shows in another's {@code conversations list --feedback negative} and {@code show --json}.
 */
class FeedbackCommandsIT {
    @TempDir
    Path exports;

    @Test
    void feedbackStoredInPostgresqlShowsInTheConversationCommands() throws Exception {
        RecordedRuns.writeTo(exports);
        String url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "feedback_cli");
        try (HikariDataSource db = Database.pool(url, 2)) {
            Database.migrate(db);
            new PostgresFeedbackStore(db)
                    .record(new RunFeedback("run-105", RunFeedback.Value.NEGATIVE, "slack:T1:U1", RecordedRuns.NOW));
        }
        Map<String, String> env = Map.of(
                "REVBOT_EXPORT_DIR", exports.toString(), "REVBOT_DATABASE_URL", url, "REVBOT_CONFIG", "/dev/null");

        JsonNode negative =
                ConversationJson.MAPPER.readTree(run(env, "conversations", "list", "--feedback", "negative", "--json"));
        assertThat(negative).hasSize(1);
        assertThat(negative.get(0).path("runId").asText()).isEqualTo("run-105");
        assertThat(negative.get(0).path("feedback").asText()).isEqualTo("negative");
        JsonNode shown = ConversationJson.MAPPER.readTree(run(env, "conversations", "show", "run-105", "--json"));
        assertThat(shown.at("/metadata/feedback/value").asText()).isEqualTo("negative");
        assertThat(ConversationJson.MAPPER.readTree(
                        run(env, "conversations", "list", "--feedback", "positive", "--json")))
                .isEmpty();
    }

    private static String run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RevbotCommand.commandLine(
                        env,
                        Clock.fixed(RecordedRuns.NOW, ZoneOffset.UTC),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }
}
