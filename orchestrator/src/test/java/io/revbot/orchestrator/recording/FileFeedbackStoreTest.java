package io.revbot.orchestrator.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFeedbackStoreTest extends FeedbackStoreContract {
    @TempDir
    Path exports;

    @Override
    FeedbackStore newStore() {
        return new FileFeedbackStore(exports);
    }

    @Test
    void aDamagedLineIsSkippedAndTheOthersStillCount() throws Exception {
        newStore().record(new RunFeedback("run-1", RunFeedback.Value.POSITIVE, "slack:T1:U1", AT));
        Files.writeString(
                exports.resolve(FileFeedbackStore.FILE),
                "{\"run_id\": \"run-2\", \"value\": \"meh\"\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        newStore().record(new RunFeedback("run-3", RunFeedback.Value.NEGATIVE, "slack:T1:U1", AT));

        assertThat(newStore().all()).containsOnlyKeys("run-1", "run-3");
        assertThat(Files.readAllLines(exports.resolve(FileFeedbackStore.FILE))).hasSize(3);
    }

    @Test
    void theConversationStoreShowsAndFiltersByFeedback() throws Exception {
        try (RunRecorder recorder = new RunRecorder(
                PriceTable.builtIn(),
                Redactor.patternsOnly(),
                java.util.List.of(new DirectoryExporter(exports)),
                java.time.Clock.systemUTC())) {
            ScriptedRuns.directAnswer("run-a", ScriptedRuns.T0).events().forEach(recorder::on);
            ScriptedRuns.directAnswer("run-b", ScriptedRuns.T0.plusSeconds(60))
                    .events()
                    .forEach(recorder::on);
            assertThat(recorder.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
        }
        newStore().record(new RunFeedback("run-b", RunFeedback.Value.NEGATIVE, "slack:T1:U1", AT));

        ConversationStore conversations = new ConversationStore(exports, newStore());
        var all = conversations.list(ConversationStore.Filter.all());
        assertThat(all)
                .extracting(ConversationStore.Summary::runId, ConversationStore.Summary::feedback)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("run-a", null),
                        org.assertj.core.groups.Tuple.tuple("run-b", "negative"));
        var negative = new ConversationStore.Filter(
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.of("negative"),
                10);
        assertThat(conversations.list(negative))
                .extracting(ConversationStore.Summary::runId)
                .containsExactly("run-b");
        assertThat(conversations
                        .find("run-b")
                        .orElseThrow()
                        .metadata()
                        .at("/feedback/value")
                        .asText())
                .isEqualTo("negative");
        assertThat(conversations.find("run-a").orElseThrow().metadata().has("feedback"))
                .isFalse();
    }
}
