package io.revbot.tools;

import java.util.Map;
import java.util.Objects;

/**
 * How a tool tells the run that called it what it did, beyond its return value: facts for the run's events (rows
 * returned, whether a result was truncated, the SQL that produced a number) and knowledge-base references for
 * citations. The agent runtime installs an observer around each tool execution ({@link #runWith}); tools call
 * {@link #current()} and never depend on the orchestrator.
 */
public interface ToolObserver {

    /** A fact about this tool execution, e.g. {@code fact("rows", 42)} or {@code fact("sql", "select …")}. */
    void fact(String name, Object value);

    /** A knowledge-base chunk the tool returned: document path, heading path, relevance score. */
    void knowledgeReference(String document, String section, double score);

    /** A write action the tool proposed; it executes only after a person approves it. */
    default void actionProposed(String actionId, String summary) {}

    /**
     * Who asked the question this tool runs for, as the run's principal id ({@code slack:T…:U…}, {@code api:<name>},
     * {@code cli:<user>}), for write actions' "who asked". Empty when the runtime does not know.
     */
    default java.util.Optional<String> requester() {
        return java.util.Optional.empty();
    }

    /**
     * Where the request came from, so an approval can be posted there (e.g. {@code slack:C123:1712345678.000100});
     * empty when unknown. See {@link io.revbot.tools.actions.PendingAction#context()}.
     */
    default String requestContext() {
        return "";
    }

    /**
     * What tools returned earlier in this run, any agent's, oldest first: what a proposed action may carry from
     * outside content, and what a web search must not repeat. Empty when the runtime does not track it.
     */
    default java.util.List<PriorResult> priorResults() {
        return java.util.List.of();
    }

    /** One earlier tool result of the run: the tool's name and the text the model saw (empty when not kept). */
    record PriorResult(String tool, String text) {
        public PriorResult {
            Objects.requireNonNull(tool, "tool");
            text = text == null ? "" : text;
        }
    }

    /** Facts recorded so far (for adapters that collect them). */
    default Map<String, Object> facts() {
        return Map.of();
    }

    ToolObserver NONE = new ToolObserver() {
        @Override
        public void fact(String name, Object value) {}

        @Override
        public void knowledgeReference(String document, String section, double score) {}
    };

    /** The observer of the tool execution running on this thread, or {@link #NONE}. */
    static ToolObserver current() {
        ToolObserver observer = Holder.CURRENT.get();
        return observer == null ? NONE : observer;
    }

    /** Runs {@code work} with {@code observer} installed for this thread; restores the previous one afterwards. */
    static <T> T runWith(ToolObserver observer, java.util.function.Supplier<T> work) {
        Objects.requireNonNull(observer, "observer");
        ToolObserver previous = Holder.CURRENT.get();
        Holder.CURRENT.set(observer);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                Holder.CURRENT.remove();
            } else {
                Holder.CURRENT.set(previous);
            }
        }
    }

    /** Not API. */
    final class Holder {
        private static final ThreadLocal<ToolObserver> CURRENT = new ThreadLocal<>();

        private Holder() {}
    }
}
