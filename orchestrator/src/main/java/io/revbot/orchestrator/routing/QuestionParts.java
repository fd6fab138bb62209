package io.revbot.orchestrator.routing;

import io.revbot.agents.RoutingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds independent asks in a question from its structure alone: an opening that announces several ("two things:"),
 * a list (lines or inline markers such as {@code 1)} and {@code 2)}), several sentences that each ask something, or
 * a connective ("and", "also", ";", a comma) followed by a new ask verb or question word. Where two phrases are
 * joined by a softer connective ("plus the latest news on…") it only offers the split; the router then checks
 * whether the two phrases belong to different agents.
 */
final class QuestionParts {
    /** A part must have this many words to count as an ask of its own. */
    private static final int MIN_PART_WORDS = 3;

    private static final Pattern LIST_LINE = Pattern.compile("(?m)^\\s*(?:[-*•]|\\d{1,2}[.)])\\s+\\S");
    private static final Pattern INLINE_MARKER =
            Pattern.compile("(?:^|\\s)\\(?\\d{1,2}\\)\\s+\\S|(?:^|\\s)\\d{1,2}\\.\\s+[A-Za-z]");
    /** Sentence ends: ? and ! always, a full stop before a capital letter. */
    private static final Pattern SENTENCE_END = Pattern.compile("[?!]+\\s*|\\.\\s+(?=[A-Z])");

    private final RoutingSpec.MultiPart words;

    QuestionParts(RoutingSpec.MultiPart words) {
        this.words = words;
    }

    /** What the structure says. */
    sealed interface Found {
        /** Two or more asks; {@code how} says what showed it. */
        record Several(String how) implements Found {}

        /** Maybe two asks: the two phrases a soft connective joins. */
        record Maybe(String left, String right) implements Found {}

        record One() implements Found {}
    }

    Found find(String question) {
        List<String> all = QuestionText.plain(question);
        for (String opening : words.enumerations()) {
            if (startsWithPhrase(all, QuestionText.plain(opening))) {
                return new Found.Several("announces several asks ('" + opening + "')");
            }
        }
        if (count(LIST_LINE, question) >= 2 || count(INLINE_MARKER, question) >= 2) {
            return new Found.Several("a list of asks");
        }
        List<String> sentences = sentences(question);
        long asks = sentences.stream().filter(this::isAsk).count();
        if (asks >= 2) {
            return new Found.Several(asks + " questions in one message");
        }
        for (String sentence : sentences) {
            Optional<String> joined = joinedAsk(QuestionText.plain(sentence)).or(() -> punctuationJoin(sentence));
            if (joined.isPresent()) {
                return new Found.Several("two asks joined by '" + joined.get() + "'");
            }
        }
        if (sentences.size() == 1) {
            Optional<Found.Maybe> soft = softSplit(sentences.get(0));
            if (soft.isPresent()) {
                return soft.get();
            }
        }
        return new Found.One();
    }

    private static List<String> sentences(String question) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE_END.matcher(question);
        int start = 0;
        while (m.find()) {
            add(out, question.substring(start, m.end()));
            start = m.end();
        }
        add(out, question.substring(start));
        return out;
    }

    private static void add(List<String> sentences, String sentence) {
        if (!QuestionText.plain(sentence).isEmpty()) {
            sentences.add(sentence.strip());
        }
    }

    /** A sentence that asks something: long enough, and a question or opening with an ask word. */
    private boolean isAsk(String sentence) {
        List<String> w = withoutLeadingConnectives(QuestionText.plain(sentence));
        if (w.size() < MIN_PART_WORDS) {
            return false;
        }
        return sentence.strip().endsWith("?") || opensAsk(w.get(0), true);
    }

    /** The connective after which a new ask starts, if any. */
    private Optional<String> joinedAsk(List<String> w) {
        for (int i = 1; i < w.size(); i++) {
            for (String connective : words.connectives()) {
                List<String> c = QuestionText.plain(connective);
                if (c.isEmpty()
                        || i + c.size() > w.size()
                        || !w.subList(i, i + c.size()).equals(c)) {
                    continue;
                }
                List<String> right = withoutLeadingConnectives(w.subList(i + c.size(), w.size()));
                if (i >= 2 && right.size() >= MIN_PART_WORDS && opensAsk(right.get(0), true)) {
                    return Optional.of(connective);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Semicolons and commas are not words, so they are found on the text: "Review the Keystone deal, check the news"
     * is two asks when both sides open with an ask (after a comma, only an ask verb opens the second one).
     */
    private Optional<String> punctuationJoin(String sentence) {
        for (int at = 0; at < sentence.length(); at++) {
            char c = sentence.charAt(at);
            if (c != ',' && c != ';') {
                continue;
            }
            List<String> left = withoutLeadingConnectives(QuestionText.plain(sentence.substring(0, at)));
            List<String> right = withoutLeadingConnectives(QuestionText.plain(sentence.substring(at + 1)));
            if (left.size() >= 2
                    && opensAsk(left.get(0), true)
                    && right.size() >= MIN_PART_WORDS
                    && opensAsk(right.get(0), c == ';')) {
                return Optional.of(String.valueOf(c));
            }
        }
        return Optional.empty();
    }

    private Optional<Found.Maybe> softSplit(String sentence) {
        List<QuestionText.Word> w = QuestionText.words(sentence);
        List<String> plain = w.stream().map(QuestionText.Word::text).toList();
        for (String connective : words.softConnectives()) {
            List<String> c = QuestionText.plain(connective);
            for (int i = 2; i + c.size() + 2 <= plain.size(); i++) {
                if (plain.subList(i, i + c.size()).equals(c)) {
                    String left = sentence.substring(0, w.get(i).start()).strip();
                    String right =
                            sentence.substring(w.get(i + c.size()).start()).strip();
                    return Optional.of(new Found.Maybe(left, right));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code word} opens an ask; question words count only where a new sentence or clause may start. */
    private boolean opensAsk(String word, boolean questionWordsToo) {
        return words.askVerbs().contains(word)
                || (questionWordsToo && words.questionWords().contains(word));
    }

    private List<String> withoutLeadingConnectives(List<String> w) {
        int i = 0;
        while (i < w.size() && isConnectiveWord(w.get(i))) {
            i++;
        }
        return w.subList(i, w.size());
    }

    private boolean isConnectiveWord(String word) {
        return words.connectives().contains(word) || words.softConnectives().contains(word);
    }

    private static boolean startsWithPhrase(List<String> words, List<String> phrase) {
        return !phrase.isEmpty()
                && words.size() >= phrase.size()
                && words.subList(0, phrase.size()).equals(phrase);
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
