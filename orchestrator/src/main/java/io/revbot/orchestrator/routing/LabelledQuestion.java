package io.revbot.orchestrator.routing;

import io.revbot.agents.AgentName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a labelled routing set ({@code question<TAB>expected<TAB>kind}): the question, the agents that should
 * answer it ({@code manager} for questions the manager answers itself) and its kind.
 */
public record LabelledQuestion(String question, List<AgentName> expected, Kind kind) {

    public enum Kind {
        /** One specialist answers it all. */
        SINGLE,
        /** Two or more independent asks: the manager's turns must handle it. */
        MULTI,
        /** Small talk, definitions, follow-ups: the manager (or a template) answers it. */
        DIRECT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String HEADER = "question\texpected\tkind";
    private static final String MANAGER = "manager";

    public LabelledQuestion {
        Objects.requireNonNull(question, "question");
        expected = List.copyOf(expected);
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Parses a set: the header line, then one question per line; blank lines and {@code #} comments are skipped.
     * {@link IllegalArgumentException} names the file and line of the first bad one.
     */
    public static List<LabelledQuestion> parse(String file, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<LabelledQuestion> out = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            if (!header) {
                if (!line.strip().equals(HEADER)) {
                    throw new IllegalArgumentException(
                            where + "the first line must be the header '" + HEADER.replace("\t", "<TAB>") + "'");
                }
                header = true;
                continue;
            }
            out.add(parseLine(where, line));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no questions");
        }
        return List.copyOf(out);
    }

    private static LabelledQuestion parseLine(String where, String line) {
        String[] cells = line.split("\t", -1);
        if (cells.length != 3) {
            throw new IllegalArgumentException(where + "expected 3 tab-separated cells, found " + cells.length);
        }
        String question = cells[0].strip();
        if (question.isEmpty()) {
            throw new IllegalArgumentException(where + "the question is empty");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(cells[2].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "kind must be single, multi or direct, was '" + cells[2] + "'");
        }
        List<AgentName> expected = new ArrayList<>();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : cells[1].split(",")) {
            String n = name.strip();
            if (!n.isEmpty() && !names.add(n)) {
                throw new IllegalArgumentException(where + "'" + n + "' is expected twice");
            }
        }
        boolean manager = names.contains(MANAGER);
        for (String n : names) {
            if (!n.equals(MANAGER)) {
                try {
                    expected.add(new AgentName(n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + "'" + n + "' is not an agent name");
                }
            }
        }
        switch (kind) {
            case SINGLE -> {
                if (manager || expected.size() != 1) {
                    throw new IllegalArgumentException(where + "a single question expects exactly one specialist");
                }
            }
            case MULTI -> {
                if (manager || expected.isEmpty()) {
                    throw new IllegalArgumentException(where + "a multi question expects the specialists of its parts");
                }
            }
            case DIRECT -> {
                if (!manager || !expected.isEmpty()) {
                    throw new IllegalArgumentException(where + "a direct question expects 'manager'");
                }
            }
        }
        return new LabelledQuestion(question, expected, kind);
    }

    /** The label of its row in the confusion matrix: the agent, {@code manager} or {@code multi}. */
    public String row() {
        return switch (kind) {
            case SINGLE -> expected.get(0).value();
            case MULTI -> "multi";
            case DIRECT -> MANAGER;
        };
    }
}
