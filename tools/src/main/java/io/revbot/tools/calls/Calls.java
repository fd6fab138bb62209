package io.revbot.tools.calls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Recorded sales calls and their transcripts. Adapters: {@code GongCalls} (Gong REST v2) and
 * {@code WarehouseCalls} ({@code gong_call_f} and the demo's {@code transcript} table). Thread-safe.
 *
 * @implNote every method may throw {@link io.revbot.tools.UpstreamException} when the source fails
 */
public interface Calls {

    String describe();

    /** Proves the source answers (credentials valid, a trivial read); throws when it does not. */
    void check();

    /**
     * Calls that started in {@code [from, to)}, optionally only those linked to an account or opportunity, newest
     * first, at most {@code query.limit()}; the listing says when it is not the whole answer.
     */
    Listing list(Query query);

    /** The transcript of one call; empty when there is no such call or it has no transcript. */
    Optional<Transcript> transcript(String callId);

    /**
     * What to list.
     *
     * @param accountId CRM account id the call is linked to, if filtering
     * @param opportunityId CRM opportunity id the call is linked to, if filtering
     */
    record Query(Optional<String> accountId, Optional<String> opportunityId, Instant from, Instant to, int limit) {}

    /** One call: who hosted it (a name, never an id), who took part, what it was about. */
    record Call(
            String id,
            String title,
            Instant started,
            Optional<Long> durationSeconds,
            Optional<String> host,
            List<String> participants,
            Optional<String> accountId,
            Optional<String> opportunityId,
            Optional<String> brief,
            Optional<String> keyPoints,
            Optional<String> nextSteps) {}

    /**
     * What a listing found. {@code truncated} is empty when these are all the calls that match, else one sentence
     * saying what is missing and how to narrow the query (a source that stopped reading, or more matches than the
     * limit).
     */
    record Listing(List<Call> calls, Optional<String> truncated) {
        public Listing {
            calls = List.copyOf(calls);
        }

        public static Listing complete(List<Call> calls) {
            return new Listing(calls, Optional.empty());
        }
    }

    record Transcript(String callId, String title, Instant started, List<Utterance> utterances) {}

    /** One stretch of speech: speaker's name (and email when known), seconds from the call's start, the words. */
    record Utterance(String speaker, Optional<String> email, long startSecond, String text) {}
}
