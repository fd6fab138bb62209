package io.revbot.orchestrator.routing;

import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import io.revbot.agents.RoutingSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules tier, all of it phrase lists from {@code routing.yaml}: a question made only of rule phrases (greetings,
 * thanks, "what can you do", connectivity checks) is answered from the rule's template; a definition cue sends it to
 * the manager. It also drops an opening greeting before the question is classified.
 */
final class RuleTier {
    private final RoutingSpec spec;
    private final List<Phrase> phrases = new ArrayList<>();
    private final List<List<String>> cues;
    private final String specialistLines;

    private record Phrase(List<String> words, RoutingSpec.DirectRule rule) {}

    RuleTier(RoutingSpec spec, Agents agents) {
        this.spec = spec;
        for (RoutingSpec.DirectRule rule : spec.rules()) {
            for (String phrase : rule.phrases()) {
                phrases.add(new Phrase(QuestionText.plain(phrase), rule));
            }
        }
        this.cues = spec.managerCues().stream()
                .map(cue -> List.of(cue.strip().split("\\s+")))
                .toList();
        this.specialistLines = specialistLines(agents);
    }

    /** The template answer when every word of the question belongs to rule phrases. */
    Optional<RoutingDecision.Direct> direct(String question) {
        List<String> words = meaningful(QuestionText.plain(question));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Set<RoutingSpec.DirectRule> used = cover(words, false);
        if (used == null) {
            return Optional.empty();
        }
        for (RoutingSpec.DirectRule rule : spec.rules()) { // the first rule in the file answers
            if (used.contains(rule)) {
                String answer =
                        rule.answer().replace("{specialists}", specialistLines).strip();
                return Optional.of(
                        new RoutingDecision.Direct(rule.name(), answer, "matches the rule '" + rule.name() + "'"));
            }
        }
        return Optional.empty();
    }

    /** The question without an opening made of opening rules' phrases ("Hi RevBot, "), when something follows. */
    String withoutOpening(String question) {
        List<QuestionText.Word> words = QuestionText.words(question);
        int i = 0;
        boolean opened = false;
        while (i < words.size()) {
            if (spec.ignoredWords().contains(words.get(i).text())) {
                i++;
                continue;
            }
            int longest = 0;
            for (Phrase phrase : phrases) {
                int end = i + phrase.words.size();
                if (phrase.rule.opening()
                        && phrase.words.size() > longest
                        && end <= words.size()
                        && phrase.words.equals(words.subList(i, end).stream()
                                .map(QuestionText.Word::text)
                                .toList())) {
                    longest = phrase.words.size();
                }
            }
            if (longest == 0) {
                break;
            }
            opened = true;
            i += longest;
        }
        return !opened || i >= words.size()
                ? question.strip()
                : question.substring(words.get(i).start()).strip();
    }

    /** The definition cue the question contains, if any ("how do we define"). */
    Optional<String> managerCue(String question) {
        List<String> words = QuestionText.plain(question);
        for (int c = 0; c < cues.size(); c++) {
            for (int start = 0; start < words.size(); start++) {
                if (matches(cues.get(c), 0, words, start)) {
                    return Optional.of(spec.managerCues().get(c));
                }
            }
        }
        return Optional.empty();
    }

    private List<String> meaningful(List<String> words) {
        return words.stream().filter(w -> !spec.ignoredWords().contains(w)).toList();
    }

    /** The rules whose phrases cover all of {@code words} exactly, or null when they cannot. */
    private Set<RoutingSpec.DirectRule> cover(List<String> words, boolean openingOnly) {
        int n = words.size();
        @SuppressWarnings("unchecked")
        Set<RoutingSpec.DirectRule>[] from = new Set[n + 1];
        from[n] = new LinkedHashSet<>();
        for (int i = n - 1; i >= 0; i--) {
            for (Phrase phrase : phrases) {
                int end = i + phrase.words.size();
                if ((openingOnly && !phrase.rule.opening())
                        || end > n
                        || from[end] == null
                        || !words.subList(i, end).equals(phrase.words)) {
                    continue;
                }
                Set<RoutingSpec.DirectRule> rules = new LinkedHashSet<>(from[end]);
                rules.add(phrase.rule);
                from[i] = rules;
                break;
            }
        }
        return from[0];
    }

    /** Whether {@code cue} from {@code c} matches {@code words} from {@code w}; {@code *} is one to four words. */
    private static boolean matches(List<String> cue, int c, List<String> words, int w) {
        if (c == cue.size()) {
            return true;
        }
        if (cue.get(c).equals("*")) {
            for (int span = 1; span <= 4 && w + span <= words.size(); span++) {
                if (matches(cue, c + 1, words, w + span)) {
                    return true;
                }
            }
            return false;
        }
        return w < words.size() && words.get(w).equals(cue.get(c)) && matches(cue, c + 1, words, w + 1);
    }

    /** "- **Deal analysis**: reviews one or more opportunities …", one line per specialist. */
    private static String specialistLines(Agents agents) {
        StringBuilder out = new StringBuilder();
        for (AgentSpec specialist : agents.specialists()) {
            String display = specialist.name().displayName();
            String description = specialist.description().strip();
            if (description.regionMatches(true, 0, display + ":", 0, display.length() + 1)) {
                description = description.substring(display.length() + 1).strip();
            }
            int stop = description.indexOf(". ");
            String first = stop < 0 ? description : description.substring(0, stop + 1);
            out.append(out.isEmpty() ? "" : "\n")
                    .append("- **")
                    .append(display)
                    .append("**: ")
                    .append(first);
        }
        return out.toString();
    }
}
