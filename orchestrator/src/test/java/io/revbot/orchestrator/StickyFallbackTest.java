package io.revbot.orchestrator;

import static io.revbot.orchestrator.testing.ScriptedChatModel.Reply.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.revbot.orchestrator.testing.RecordingListener;
import io.revbot.orchestrator.testing.ScriptedChatModel;
import io.revbot.orchestrator.testing.ScriptedChatModel.Reply;
import io.revbot.tools.testing.MutableClock;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fallback model takes over from a throttled one for a cool-down shared by every run, then gives it back. */
class StickyFallbackTest {
    static final String MANAGER = ManagerLoopTest.MANAGER;
    static final String FALLBACK = "small-fallback-model";

    final ScriptedChatModel model = new ScriptedChatModel();
    final MutableClock clock = new MutableClock(ManagerLoopTest.NOW);
    final RecordingListener events = new RecordingListener();

    ManagerLoop.Builder loop() {
        return ManagerLoop.builder()
                .agents(ManagerLoopTest::agents)
                .model(model)
                .clock(clock)
                .sleeper(d -> {});
    }

    ManagerLoop withFallback() {
        return loop().fallback(ModelFallback.to(FALLBACK, Duration.ofMinutes(1), 2, clock))
                .build();
    }

    RunResult ask(ManagerLoop loop, String question) {
        return loop.run(ManagerLoopTest.question(question, "s-" + question), events);
    }

    static List<String> models(List<ChatRequest> requests) {
        return requests.stream()
                .map(r -> r.parameters().modelName() == null
                        ? "primary"
                        : r.parameters().modelName())
                .toList();
    }

    @Test
    void afterThePrimaryThrottlesTheNextRunsGoStraightToTheFallbackUntilTheCoolDownEnds() {
        model.on(
                MANAGER,
                Reply.fail(new RateLimitException("ThrottlingException: Too many requests")),
                Reply.fail(new RateLimitException("ThrottlingException: Too many requests")),
                text("first, from the fallback"),
                text("second, from the fallback"),
                text("third, from the fallback"),
                text("fourth, from the primary again"),
                text("fifth, from the primary"));
        ManagerLoop loop = withFallback();

        assertThat(ask(loop, "q1").answer()).isEqualTo("first, from the fallback");
        assertThat(ask(loop, "q2").answer()).isEqualTo("second, from the fallback");
        clock.advance(Duration.ofSeconds(59));
        assertThat(ask(loop, "q3").answer()).isEqualTo("third, from the fallback");
        clock.advance(Duration.ofSeconds(2));
        assertThat(ask(loop, "q4").answer()).isEqualTo("fourth, from the primary again");
        assertThat(ask(loop, "q5").answer()).isEqualTo("fifth, from the primary");

        assertThat(models(model.requestsOf(MANAGER)))
                .as("two throttled tries, then the fallback without trying the primary, until the cool-down ends")
                .containsExactly("primary", "primary", FALLBACK, FALLBACK, FALLBACK, "primary", "primary");
        List<RunEvent.ModelCalled> calls = events.of(RunEvent.ModelCalled.class);
        assertThat(calls).extracting(RunEvent.ModelCalled::modelId).startsWith(FALLBACK, FALLBACK, FALLBACK);
        assertThat(calls.get(0).fallbackFor()).isEqualTo("default");
        assertThat(calls.get(3).fallbackFor()).as("the primary answered").isNull();
    }

    @Test
    void aThrottleWhenThePrimaryIsTriedAgainStartsAnotherCoolDown() {
        model.on(
                MANAGER,
                Reply.fail(new RateLimitException("429")),
                Reply.fail(new RateLimitException("429")),
                text("fallback 1"),
                Reply.fail(new RateLimitException("429")),
                text("fallback 2"),
                text("fallback 3"));
        ManagerLoop loop = withFallback();

        ask(loop, "q1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(ask(loop, "q2").answer()).isEqualTo("fallback 2");
        assertThat(ask(loop, "q3").answer()).isEqualTo("fallback 3");

        assertThat(models(model.requestsOf(MANAGER)))
                .containsExactly("primary", "primary", FALLBACK, "primary", FALLBACK, FALLBACK);
    }

    @Test
    void serverErrorsAreRetriedOnThePrimaryAndDoNotDivertIt() {
        model.on(
                MANAGER,
                Reply.fail(new InternalServerException("503 Service Unavailable")),
                Reply.fail(new InternalServerException("503 Service Unavailable")),
                Reply.fail(new InternalServerException("503 Service Unavailable")),
                text("primary after retries"),
                text("primary again"));
        ManagerLoop loop = withFallback();

        assertThat(ask(loop, "q1").answer()).isEqualTo("primary after retries");
        assertThat(ask(loop, "q2").answer()).isEqualTo("primary again");
        assertThat(models(model.requestsOf(MANAGER))).containsOnly("primary");
    }

    @Test
    void withoutAFallbackAThrottledModelIsRetriedWithBackoff() {
        model.on(MANAGER, Reply.fail(new RateLimitException("429")), text("after one retry"));

        assertThat(ask(loop().build(), "q1").answer()).isEqualTo("after one retry");
        assertThat(models(model.requestsOf(MANAGER))).containsExactly("primary", "primary");
    }

    @Test
    void aProviderThatRefusesConnectionsIsNotRetried() {
        RuntimeException refused = new RuntimeException(
                "Unable to execute HTTP request: Connect to 127.0.0.1:9 failed",
                new ConnectException("Connection refused"));
        model.on(MANAGER, Reply.fail(refused), Reply.fail(refused), text("unreachable"));

        assertThatThrownBy(() -> ask(withFallback(), "q1"))
                .isInstanceOf(ModelUnavailable.class)
                .hasMessageContaining("cannot be reached (Connection refused)")
                .hasMessageContaining("REVBOT_BEDROCK_ENDPOINT");
        assertThat(model.requestsOf(MANAGER)).hasSize(1);
    }
}
