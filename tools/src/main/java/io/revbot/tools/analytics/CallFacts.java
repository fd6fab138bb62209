package io.revbot.tools.analytics;

import io.revbot.tools.analytics.CallEvidence.Mention;
import io.revbot.tools.analytics.CallEvidence.Topic;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one call of a deal showed: when it was, who joined (participant and transcript emails, speaker names), the
 * sales topics its brief, key points, next steps and transcript mention, and the competitors they name.
 */
record CallFacts(
        String id,
        LocalDate date,
        String title,
        String host,
        Set<String> participantEmails,
        Set<String> speakerNames,
        String text,
        List<Mention> mentions,
        List<String> competitors,
        String brief) {

    boolean covers(Topic topic) {
        return mentions.stream().anyMatch(m -> m.topic() == topic && !m.negated());
    }

    boolean denies(Topic topic) {
        return mentions.stream().anyMatch(m -> m.topic() == topic && m.negated());
    }

    /** The furthest sales step the call reached. */
    String kind() {
        if (covers(Topic.PAPER_PROCESS)) {
            return "paper process";
        }
        if (covers(Topic.PRICING)) {
            return "pricing";
        }
        if (covers(Topic.TECHNICAL_VALIDATION)) {
            return "technical validation";
        }
        return "discovery";
    }

    /** Every topic that at least one of {@code calls} covers, in topic order. */
    static Set<Topic> topicsOnCalls(List<CallFacts> calls) {
        Set<Topic> topics = new TreeSet<>();
        for (CallFacts call : calls) {
            for (Topic t : Topic.values()) {
                if (call.covers(t)) {
                    topics.add(t);
                }
            }
        }
        return topics;
    }
}
