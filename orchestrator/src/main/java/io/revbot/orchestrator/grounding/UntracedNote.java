package io.revbot.orchestrator.grounding;

import java.util.List;

/**
 * The one line appended to an answer that states figures the check could not trace: Markdown (the edges render it
 * for Slack and as plain text), after a blank line, naming at most {@value #MAX_NAMED} figures.
 */
public final class UntracedNote {
    static final int MAX_NAMED = 6;
    private static final String LEAD = "⚠️ _Not found in the data RevBot read for this answer: ";

    private UntracedNote() {}

    /** {@code answer} with the note when some figures are untraced; unchanged otherwise. */
    public static String annotate(String answer, Grounding grounding) {
        List<String> untraced = grounding.untraced();
        if (untraced.isEmpty()) {
            return answer;
        }
        return answer.stripTrailing() + "\n\n" + line(untraced);
    }

    static String line(List<String> untraced) {
        StringBuilder line = new StringBuilder(LEAD);
        int named = Math.min(untraced.size(), MAX_NAMED);
        line.append(String.join(", ", untraced.subList(0, named)));
        if (untraced.size() > named) {
            line.append(" and ").append(untraced.size() - named).append(" more");
        }
        return line.append(". Check before relying on ")
                .append(untraced.size() == 1 ? "it" : "them")
                .append("._")
                .toString();
    }
}
