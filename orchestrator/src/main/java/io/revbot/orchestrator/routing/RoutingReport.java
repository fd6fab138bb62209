package io.revbot.orchestrator.routing;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a routing evaluation ({@code revbot eval routing}). Shares are of the questions named: single
 * questions for the fast path and wrong specialists.
 *
 * @param accuracy questions decided right / all questions: a single question routed to its specialist, a
 *     multi-part one sent to the manager, a direct one answered from a template or by the manager
 * @param fastPathRight single questions routed to their specialist by the rules or embedding tier (no model call)
 * @param wrongSpecialist single questions routed to another specialist (any tier)
 * @param multiCut multi-part questions not sent to the manager (cut down to one specialist, or answered from a
 *     template)
 * @param smallTalkToSpecialist direct questions (small talk, definitions, follow-ups) sent to a specialist
 * @param confusion expected row ({@link LabelledQuestion#row()}) → decided column (an agent, {@code direct},
 *     {@code supervisor}) → count
 * @param tiers tier → decision → count
 * @param managerCallsSaved manager model calls not made: one per question answered from a template or sent straight
 *     to a specialist (that question's first, and with pass-through only, manager turn), less the routing model's
 *     calls
 * @param misrouted the questions sent to a wrong specialist, a cut multi-part question or small talk sent to a
 *     specialist, for reading
 */
public record RoutingReport(
        int questions,
        int single,
        int multi,
        int direct,
        double accuracy,
        int fastPathRight,
        int wrongSpecialist,
        int multiCut,
        int smallTalkToSpecialist,
        Map<String, Map<String, Integer>> confusion,
        Map<String, AgentFigures> agents,
        Map<String, Map<String, Integer>> tiers,
        int modelTierCalls,
        int managerCallsSaved,
        List<Misrouted> misrouted) {

    public RoutingReport {
        confusion = sortedTable(confusion);
        agents = Collections.unmodifiableMap(new TreeMap<>(agents));
        tiers = sortedTable(tiers);
        misrouted = List.copyOf(misrouted);
    }

    /** Keys in order, so text and JSON read the same every time. */
    private static Map<String, Map<String, Integer>> sortedTable(Map<String, Map<String, Integer>> table) {
        TreeMap<String, Map<String, Integer>> sorted = new TreeMap<>();
        table.forEach((k, row) -> sorted.put(k, Collections.unmodifiableMap(new TreeMap<>(row))));
        return Collections.unmodifiableMap(sorted);
    }

    /** Precision and recall of routing straight to one specialist. */
    public record AgentFigures(int routed, int right, int expected, double precision, double recall) {}

    public record Misrouted(String question, String expected, String decided, String tier) {}

    public double fastPathShare() {
        return single == 0 ? 1 : (double) fastPathRight / single;
    }

    public double wrongSpecialistShare() {
        return single == 0 ? 0 : (double) wrongSpecialist / single;
    }

    /** Whether the figures meet {@code targets}. */
    public boolean meets(Targets targets) {
        return fastPathShare() >= targets.minFastPathShare()
                && wrongSpecialistShare() <= targets.maxWrongSpecialistShare()
                && multiCut <= targets.maxMultiCut()
                && smallTalkToSpecialist <= targets.maxSmallTalkToSpecialist();
    }

    /**
     * What a routing evaluation must show: the acceptance targets of the router, which CI checks on the test split.
     */
    public record Targets(
            double minFastPathShare, double maxWrongSpecialistShare, int maxMultiCut, int maxSmallTalkToSpecialist) {
        /** ≥ 80 % of single questions fast-pathed right, ≤ 2 % to a wrong specialist, no multi-part cut, no small talk. */
        public static final Targets ACCEPTANCE = new Targets(0.80, 0.02, 0, 0);
    }
}
