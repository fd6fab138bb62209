package io.revbot.orchestrator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session store of embedded mode, under a temporary REVBOT_HOME. */
class FileChatMemoryStoreTest extends ChatMemoryStoreContract {
    @TempDir
    Path home;

    @Override
    ChatMemoryStore newStore(Duration timeToLive) {
        return new FileChatMemoryStore(home.resolve("sessions"), timeToLive, clock);
    }

    @Override
    int purgeExpired(ChatMemoryStore store) {
        return ((FileChatMemoryStore) store).purgeExpired();
    }

    @Test
    void constructingTouchesNothingAndWritingLeavesOneFilePerSessionWithoutTemporaries() throws IOException {
        ChatMemoryStore store = store();
        assertThat(home.resolve("sessions")).doesNotExist();

        store.updateMessages("a", List.of(UserMessage.from("1")));
        store.updateMessages("a", List.of(UserMessage.from("2")));
        store.updateMessages("b/../c", List.of(UserMessage.from("3")));

        try (Stream<Path> files = Files.list(home.resolve("sessions"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(2)
                    .allMatch(name -> name.matches("[0-9a-f]{64}\\.json"));
        }
    }

    @Test
    void aWriteAfterThePurgeIntervalDeletesExpiredFilesByItself() throws IOException {
        ChatMemoryStore store = store();
        store.updateMessages("old", List.of(UserMessage.from("old")));
        clock.advance(TTL.plusHours(2));

        store.updateMessages("new", List.of(UserMessage.from("new")));

        try (Stream<Path> files = Files.list(home.resolve("sessions"))) {
            assertThat(files).hasSize(1);
        }
    }
}
