package io.revbot.orchestrator.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.revbot.orchestrator.SessionId;
import io.revbot.tools.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every session store promises, whatever keeps the messages: run against the file store and PostgreSQL. A
 * subclass gives stores over one shared storage, so "a new store instance" stands for a new process.
 */
abstract class ChatMemoryStoreContract {
    static final Duration TTL = Duration.ofDays(30);

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    /** A new store over the same storage as every other store of this test. */
    abstract ChatMemoryStore newStore(Duration timeToLive);

    abstract int purgeExpired(ChatMemoryStore store);

    ChatMemoryStore store() {
        return newStore(TTL);
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static List<ChatMessage> conversation(String marker) {
        return List.of(
                SystemMessage.from("be brief"),
                UserMessage.from("What is our pipeline? " + marker),
                AiMessage.from(ToolExecutionRequest.builder()
                        .id("t1")
                        .name("pipeline_forecast")
                        .arguments("{\"quarter\":\"2026-Q1\"}")
                        .build()),
                ToolExecutionResultMessage.from("t1", "pipeline_forecast", "{\"open\":1200000}"),
                AiMessage.from("Pipeline is $1.2M. " + marker));
    }

    @Test
    void anUnknownSessionHasNoMessages() {
        assertThat(store().getMessages(id("unknown"))).isEmpty();
    }

    @Test
    void messagesOfEveryKindComeBackInOrderFromANewStoreInstance() {
        String session = id("roundtrip");
        store().updateMessages(session, conversation("one"));

        assertThat(store().getMessages(session)).containsExactlyElementsOf(conversation("one"));
    }

    @Test
    void anUpdateReplacesTheStoredMessagesAndLeavesOtherSessionsAlone() {
        String first = id("first");
        String second = id("second");
        ChatMemoryStore store = store();
        store.updateMessages(first, conversation("a"));
        store.updateMessages(second, conversation("b"));

        store.updateMessages(first, List.of(UserMessage.from("only this")));

        assertThat(store().getMessages(first)).containsExactly(UserMessage.from("only this"));
        assertThat(store().getMessages(second)).containsExactlyElementsOf(conversation("b"));
    }

    @Test
    void deletingForgetsOneSessionAndDeletingAnUnknownOneIsHarmless() {
        String session = id("delete");
        ChatMemoryStore store = store();
        store.updateMessages(session, conversation("x"));

        store.deleteMessages(session);
        store.deleteMessages(id("never-written"));

        assertThat(store().getMessages(session)).isEmpty();
    }

    @Test
    void anyStringIsASessionIdEvenWithSlashesDotsAndUnicode() {
        String slack = "slack:T0123/C0456:1712345678.000100 " + UUID.randomUUID();
        String odd = "../../etc/passwd Ünïcødé ✓ " + UUID.randomUUID();
        ChatMemoryStore store = store();
        store.updateMessages(slack, List.of(UserMessage.from("slack")));
        store.updateMessages(odd, List.of(UserMessage.from("odd")));

        assertThat(store().getMessages(slack)).containsExactly(UserMessage.from("slack"));
        assertThat(store().getMessages(odd)).containsExactly(UserMessage.from("odd"));
    }

    @Test
    void aSessionIdleForTheTimeToLiveIsForgottenAndAWriteKeepsItAlive() {
        String idle = id("idle");
        String active = id("active");
        ChatMemoryStore store = store();
        store.updateMessages(idle, conversation("idle"));
        store.updateMessages(active, conversation("active"));

        clock.advance(TTL.minusHours(1));
        store.updateMessages(active, conversation("active again"));
        assertThat(store.getMessages(idle)).as("still within the time to live").hasSize(5);

        clock.advance(Duration.ofHours(2));
        assertThat(store().getMessages(idle))
                .as("idle for longer than the time to live")
                .isEmpty();
        assertThat(store().getMessages(active)).containsExactlyElementsOf(conversation("active again"));
    }

    @Test
    void purgingDeletesExpiredSessionsOnlyAndAnExpiredSessionCanStartAfresh() {
        String old = id("old");
        String recent = id("recent");
        ChatMemoryStore store = store();
        store.updateMessages(old, conversation("old"));
        clock.advance(TTL.plusMinutes(1));

        assertThat(purgeExpired(store())).isGreaterThanOrEqualTo(1);
        store.updateMessages(recent, conversation("recent"));

        // Back to a time when "old" had not expired yet: only a purge that deleted it keeps it empty now.
        clock.advance(TTL.negated());
        assertThat(store().getMessages(old)).isEmpty();
        assertThat(store().getMessages(recent)).containsExactlyElementsOf(conversation("recent"));
        store.updateMessages(old, List.of(UserMessage.from("new start")));
        assertThat(store().getMessages(old)).containsExactly(UserMessage.from("new start"));
    }

    @Test
    void concurrentWritersNeverLeaveAHalfWrittenSession() throws Exception {
        String shared = id("shared");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                String marker = "writer " + w;
                String own = id("own-" + w);
                done.add(pool.submit(() -> {
                    ChatMemoryStore store = store();
                    start.await();
                    for (int i = 0; i < 15; i++) {
                        store.updateMessages(shared, conversation(marker));
                        store.updateMessages(own, conversation(marker + " " + i));
                        assertThat(store.getMessages(own)).containsExactlyElementsOf(conversation(marker + " " + i));
                        List<ChatMessage> seen = store.getMessages(shared);
                        assertThat(seen).hasSize(5);
                        assertThat(seen.get(4)).isInstanceOf(AiMessage.class);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<ChatMessage> last = store().getMessages(shared);
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7).stream()
                        .map(w -> conversation("writer " + w))
                        .toList())
                .as("the stored conversation is exactly one writer's")
                .contains(last);
    }

    @Test
    void sessionMemoryOverTheStoreRemembersAcrossInstancesAndStaysWithinItsTokenWindow() {
        SessionId session = SessionId.random("contract");
        new SessionMemory(store(), 8_000).remember(session, "What is our pipeline?", "Pipeline is $1.2M.");

        SessionMemory reopened = new SessionMemory(store(), 8_000);
        assertThat(reopened.history(session))
                .containsExactly(UserMessage.from("What is our pipeline?"), AiMessage.from("Pipeline is $1.2M."));
        assertThat(reopened.history(SessionId.random("other"))).isEmpty();

        SessionMemory small = new SessionMemory(store(), 100);
        for (int i = 0; i < 10; i++) {
            small.remember(session, "question " + i + " " + "x".repeat(80), "answer " + i + " " + "y".repeat(80));
        }
        List<ChatMessage> kept = small.history(session);
        assertThat(kept).hasSizeLessThan(6);
        assertThat(kept.getLast()).isEqualTo(AiMessage.from("answer 9 " + "y".repeat(80)));
    }
}
