package io.revbot.agents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an agent's {@code examples.txt}: one question per line that this agent is the right one to answer. Blank
 * lines and lines starting with {@code #} are skipped. A tab, a line over {@value #MAX_LENGTH} characters or the
 * same question twice stops loading with the file and line number.
 */
final class ExampleQuestions {
    static final String FILE = "examples.txt";
    static final int MAX_LENGTH = 400;

    private ExampleQuestions() {}

    static List<String> parse(String file, String text) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.indexOf('\t') >= 0) {
                throw new AgentSpecException(file, "line " + number + ": a question must not contain a tab");
            }
            if (line.length() > MAX_LENGTH) {
                throw new AgentSpecException(
                        file, "line " + number + ": longer than " + MAX_LENGTH + " characters; write one question");
            }
            Integer earlier = seen.putIfAbsent(key(line), number);
            if (earlier != null) {
                throw new AgentSpecException(file, "line " + number + ": the same question as line " + earlier);
            }
            out.add(line);
        }
        return List.copyOf(out);
    }

    /** Two examples are the same question when they differ only in case and surrounding space. */
    static String key(String question) {
        return question.strip().toLowerCase(Locale.ROOT);
    }

    /** An example listed for two agents would teach the router both answers: that stops loading too. */
    static void requireDistinct(Map<AgentName, AgentSpec> specs) {
        Map<String, AgentName> owner = new HashMap<>();
        for (AgentSpec spec : specs.values()) {
            for (String example : spec.examples()) {
                AgentName other = owner.putIfAbsent(key(example), spec.name());
                if (other != null) {
                    throw new AgentSpecException(
                            spec.source().replaceAll("/+$", "") + "/" + FILE,
                            "'" + example + "' is also an example of " + other + "; an example belongs to one agent");
                }
            }
        }
    }
}
