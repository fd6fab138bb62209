package io.revbot.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.revbot.orchestrator.InvocationId;
import io.revbot.orchestrator.RunEvent;
import io.revbot.orchestrator.RunListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Records a run's events and checks the ordering guarantees documented on {@link RunEvent}. */
public final class RecordingListener implements RunListener {
    private final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void on(RunEvent event) {
        events.add(event);
    }

    public List<RunEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public <T extends RunEvent> List<T> of(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** RunStarted first, one terminal event last, invocations opened before use and closed last, tools paired. */
    public void assertWellFormed() {
        List<RunEvent> all = events();
        assertThat(all).isNotEmpty();
        assertThat(all.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        RunEvent last = all.get(all.size() - 1);
        assertThat(last).isInstanceOfAny(RunEvent.RunSucceeded.class, RunEvent.RunFailed.class);
        assertThat(all.stream()
                        .filter(e -> e instanceof RunEvent.RunSucceeded || e instanceof RunEvent.RunFailed)
                        .count())
                .as("exactly one terminal event")
                .isEqualTo(1);
        Set<InvocationId> open = new HashSet<>();
        Set<InvocationId> closed = new HashSet<>();
        Map<String, InvocationId> openTools = new HashMap<>();
        for (RunEvent e : all) {
            switch (e) {
                case RunEvent.InvocationStarted s ->
                    assertThat(open.add(s.invocation()))
                            .as("started once: " + s.invocation())
                            .isTrue();
                case RunEvent.InvocationFinished f -> {
                    assertThat(open.remove(f.invocation()))
                            .as("finished after start: " + f.invocation())
                            .isTrue();
                    assertThat(openTools.values())
                            .as("tools of " + f.invocation() + " closed first")
                            .doesNotContain(f.invocation());
                    closed.add(f.invocation());
                }
                case RunEvent.ModelCalled m ->
                    assertThat(open).as("model call inside its invocation").contains(m.invocation());
                case RunEvent.ToolStarted t -> {
                    assertThat(open).contains(t.invocation());
                    assertThat(openTools.put(t.toolCallId(), t.invocation())).isNull();
                }
                case RunEvent.ToolFinished t ->
                    assertThat(openTools.remove(t.toolCallId()))
                            .as("tool finished after it started: " + t.toolCallId())
                            .isEqualTo(t.invocation());
                default -> {}
            }
        }
        assertThat(open).as("every invocation finished").isEmpty();
        assertThat(openTools).as("every tool finished").isEmpty();
        assertNoToolFigureFlagged(all);
    }

    /**
     * No figure the grounding check left untraced appears, as written, in what a data tool of the run returned (as
     * far as the events' previews show it): a tripwire every test that checks its events also trips over.
     */
    private static void assertNoToolFigureFlagged(List<RunEvent> all) {
        List<String> results = all.stream()
                .filter(e -> e instanceof RunEvent.ToolFinished t
                        && t.status() == RunEvent.ToolStatus.OK
                        && t.resultPreview() != null
                        && !t.tool().startsWith("ask_")
                        && !t.tool().startsWith("propose_")
                        && !t.tool().equals("read_answer"))
                .map(e -> ((RunEvent.ToolFinished) e).resultPreview())
                .toList();
        for (RunEvent e : all) {
            if (e instanceof RunEvent.AnswerProduced a && a.grounding() != null) {
                for (String figure : a.grounding().untraced()) {
                    Pattern written = Pattern.compile("(?<![\\d.,])" + Pattern.quote(figure) + "(?!\\d)");
                    assertThat(results)
                            .as("untraced figure " + figure + " is in a tool's result")
                            .noneMatch(r -> written.matcher(r).find());
                }
            }
        }
    }
}
