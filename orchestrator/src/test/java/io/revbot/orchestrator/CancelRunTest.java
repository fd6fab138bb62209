package io.revbot.orchestrator;

import static io.revbot.orchestrator.ManagerLoopTest.DEAL;
import static io.revbot.orchestrator.ManagerLoopTest.MANAGER;
import static io.revbot.orchestrator.ManagerLoopTest.question;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.call;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.tools;
import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.agents.AgentName;
import io.revbot.orchestrator.grounding.GroundingPolicy;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ScriptedChatModel.Reply;
import io.revbot.orchestrator.testing.ScriptedStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CancelRunTest {
    final ScriptedChatModel model = new ScriptedChatModel();
    final RecordingListener events = new RecordingListener();
    final CountDownLatch specialistRunning = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean specialistInterrupted = new AtomicBoolean();

    @AfterEach
    void releaseBlocked() {
        release.countDown();
    }

    ManagerLoop.Builder loop() {
        return ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .tools(ToolRegistry.of(List.of(new FakeTools())))
                .grounding(GroundingPolicy.OFF);
    }

    /** A specialist that works until released, noting whether it was interrupted. */
    void blockingSpecialist() {
        specialistRunning.countDown();
        try {
            release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            specialistInterrupted.set(true);
            Thread.currentThread().interrupt();
            throw new RuntimeException("interrupted", e);
        }
    }

    @Test
    void aStoppedRunEndsAtOnceAsCancelledInterruptsItsBranchesAndReportsNothingAfter() throws Exception {
        model.on(
                MANAGER,
                tools(
                        call("ask_deal_analysis", "{\"request\":\"Review Orion\"}"),
                        call("ask_data", "{\"request\":\"x\"}")),
                text("too late"));
        model.on(DEAL, Reply.after(this::blockingSpecialist, text("Orion: at risk")));
        model.on(ManagerLoopTest.DATA, Reply.after(this::blockingSpecialist, text("12 deals")));
        ManagerLoop loop = loop().build();
        Request request = question("How is Orion?");
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                loop.run(request, events);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(specialistRunning.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThat(loop.cancel(request.runId())).isTrue();
        Throwable thrown = ended.get(1, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).as("ends within a second").isLessThan(1000);
        assertThat(thrown).isInstanceOf(RunException.class);
        assertThat(((RunException) thrown).kind()).isEqualTo(FailureKind.CANCELLED);
        RunEvent.RunFailed failed = events.of(RunEvent.RunFailed.class).get(0);
        assertThat(failed.kind()).isEqualTo(FailureKind.CANCELLED);
        events.assertWellFormed();
        int count = events.events().size();
        Thread.sleep(300);
        assertThat(specialistInterrupted).as("the branch was interrupted").isTrue();
        release.countDown();
        Thread.sleep(200);
        assertThat(events.events()).as("nothing after the run ended").hasSize(count);
        assertThat(events.of(RunEvent.AnswerProduced.class)).isEmpty();
        assertThat(loop.cancel(request.runId())).as("no longer running").isFalse();
    }

    @Test
    void aRunStoppedWhileItsAnswerStreamsEmitsNoMoreFragments() throws Exception {
        ScriptedStreamingChatModel streaming = new ScriptedStreamingChatModel(model, 5, Duration.ofMillis(30));
        model.on(MANAGER, text("Orion Health is at risk.\n" + "The champion left. ".repeat(20)));
        ManagerLoop loop = loop().streamingModel(streaming).build();
        Request request = question("How is Orion?");
        CountDownLatch firstFragment = new CountDownLatch(1);
        RunListenerWithLatch listener = new RunListenerWithLatch(events, firstFragment);
        CompletableFuture<Throwable> ended = CompletableFuture.supplyAsync(() -> {
            try {
                loop.run(request, listener);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(firstFragment.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(loop.cancel(request.runId())).isTrue();

        assertThat(ended.get(1, TimeUnit.SECONDS)).isInstanceOf(RunException.class);
        int count = events.events().size();
        Thread.sleep(300);
        assertThat(events.events()).hasSize(count);
        assertThat(events.events().get(count - 1)).isInstanceOf(RunEvent.RunFailed.class);
        assertThat(events.of(RunEvent.AnswerDelta.class))
                .extracting(RunEvent.AnswerDelta::writer)
                .containsOnly(AgentName.MANAGER);
        events.assertWellFormed();
    }

    @Test
    void cancellingARunThatIsNotRunningFindsNothing() {
        model.on(MANAGER, text("Hello."));
        ManagerLoop loop = loop().build();
        Request request = question("hello");
        loop.run(request, events);

        assertThat(loop.cancel(request.runId())).isFalse();
        assertThat(events.of(RunEvent.RunSucceeded.class)).hasSize(1);
        assertThat(events.of(RunEvent.RunFailed.class)).isEmpty();
    }

    private record RunListenerWithLatch(RunListener delegate, CountDownLatch firstFragment) implements RunListener {
        @Override
        public void on(RunEvent event) {
            delegate.on(event);
            if (event instanceof RunEvent.AnswerDelta) {
                firstFragment.countDown();
            }
        }
    }
}
