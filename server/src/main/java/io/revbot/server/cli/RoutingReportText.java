package io.revbot.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.orchestrator.routing.RoutingReport;
import io.revbot.orchestrator.routing.Tier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** How {@code revbot eval routing} shows a {@link RoutingReport}: text for people, JSON for scripts. */
final class RoutingReportText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingReportText() {}

    static void print(PrintWriter out, RoutingReport r, String set, RoutingReport.Targets targets) {
        out.printf(
                Locale.ROOT,
                "Routing evaluation on %s: %d questions (%d single, %d multi-part, %d direct)%n%n",
                set,
                r.questions(),
                r.single(),
                r.multi(),
                r.direct());
        out.printf(Locale.ROOT, "accuracy                                   %5.1f %%%n", 100 * r.accuracy());
        check(
                out,
                "single questions fast-pathed right (rules + embedding)",
                r.fastPathRight(),
                r.single(),
                r.fastPathShare() >= targets.minFastPathShare(),
                ">= " + pct(targets.minFastPathShare()));
        check(
                out,
                "single questions sent to a wrong specialist",
                r.wrongSpecialist(),
                r.single(),
                r.wrongSpecialistShare() <= targets.maxWrongSpecialistShare(),
                "<= " + pct(targets.maxWrongSpecialistShare()));
        check(
                out,
                "multi-part questions cut down (not to the manager)",
                r.multiCut(),
                r.multi(),
                r.multiCut() <= targets.maxMultiCut(),
                "<= " + targets.maxMultiCut());
        check(
                out,
                "direct questions (small talk, definitions) sent to a specialist",
                r.smallTalkToSpecialist(),
                r.direct(),
                r.smallTalkToSpecialist() <= targets.maxSmallTalkToSpecialist(),
                "<= " + targets.maxSmallTalkToSpecialist());
        out.printf(
                Locale.ROOT,
                "manager model calls saved against the manager path: %d of %d questions (routing model calls: %d)%n",
                r.managerCallsSaved(),
                r.questions(),
                r.modelTierCalls());
        out.println(r.meets(targets) ? "=> meets the acceptance targets" : "=> MISSES the acceptance targets");

        out.println();
        out.println("share decided by each tier:");
        for (Tier tier : Tier.values()) {
            Map<String, Integer> decisions = r.tiers().getOrDefault(tier.label(), Map.of());
            int n = decisions.values().stream().mapToInt(Integer::intValue).sum();
            out.printf(Locale.ROOT, "  %-10s %5.1f %%  %s%n", tier.label(), 100.0 * n / r.questions(), decisions);
        }

        out.println();
        out.println("precision and recall of routing straight to a specialist:");
        r.agents()
                .forEach((agent, f) -> out.printf(
                        Locale.ROOT,
                        "  %-14s precision %5.1f %% (%d/%d)   recall %5.1f %% (%d/%d)%n",
                        agent,
                        100 * f.precision(),
                        f.right(),
                        f.routed(),
                        100 * f.recall(),
                        f.right(),
                        f.expected()));

        out.println();
        printConfusion(out, r.confusion());

        if (!r.misrouted().isEmpty()) {
            out.println();
            out.println("misrouted:");
            r.misrouted()
                    .forEach(m -> out.printf(
                            Locale.ROOT,
                            "  expected %s, decided %s (%s): %s%n",
                            m.expected(),
                            m.decided(),
                            m.tier(),
                            m.question()));
        }
    }

    private static void check(PrintWriter out, String what, int count, int of, boolean ok, String target) {
        out.printf(
                Locale.ROOT,
                "%-62s %4d / %-4d %5.1f %%   target %-7s %s%n",
                what,
                count,
                of,
                of == 0 ? 0.0 : 100.0 * count / of,
                target,
                ok ? "ok" : "FAIL");
    }

    /** Rows: what was expected; columns: what the router decided. */
    private static void printConfusion(PrintWriter out, Map<String, Map<String, Integer>> confusion) {
        TreeSet<String> columnSet = new TreeSet<>();
        confusion.values().forEach(row -> columnSet.addAll(row.keySet()));
        List<String> columns = new ArrayList<>(columnSet);
        out.println("confusion matrix (rows: expected, columns: decided):");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-14s", ""));
        columns.forEach(c -> header.append(String.format(Locale.ROOT, " %13s", c)));
        out.println(header);
        List<String> rows = new ArrayList<>(confusion.keySet());
        for (String last : List.of("manager", "multi")) {
            if (rows.remove(last)) {
                rows.add(last);
            }
        }
        rows.forEach(row -> {
            Map<String, Integer> counts = confusion.get(row);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", row));
            columns.forEach(c -> line.append(String.format(Locale.ROOT, " %13d", counts.getOrDefault(c, 0))));
            out.println(line);
        });
    }

    static ObjectNode json(RoutingReport r, String set, boolean meets) {
        ObjectNode root = JSON.createObjectNode();
        root.put("set", set);
        root.put("questions", r.questions());
        root.put("single", r.single());
        root.put("multi", r.multi());
        root.put("direct", r.direct());
        root.put("accuracy", r.accuracy());
        root.put("fast_path_right", r.fastPathRight());
        root.put("fast_path_share", r.fastPathShare());
        root.put("wrong_specialist", r.wrongSpecialist());
        root.put("wrong_specialist_share", r.wrongSpecialistShare());
        root.put("multi_cut", r.multiCut());
        root.put("small_talk_to_specialist", r.smallTalkToSpecialist());
        root.put("routing_model_calls", r.modelTierCalls());
        root.put("manager_calls_saved", r.managerCallsSaved());
        root.put("meets_acceptance", meets);
        root.set("tiers", JSON.valueToTree(r.tiers()));
        root.set("confusion", JSON.valueToTree(r.confusion()));
        ObjectNode agents = root.putObject("agents");
        r.agents()
                .forEach((agent, f) -> agents.putObject(agent)
                        .put("routed", f.routed())
                        .put("right", f.right())
                        .put("expected", f.expected())
                        .put("precision", f.precision())
                        .put("recall", f.recall()));
        var misrouted = root.putArray("misrouted");
        r.misrouted()
                .forEach(m -> misrouted
                        .addObject()
                        .put("question", m.question())
                        .put("expected", m.expected())
                        .put("decided", m.decided())
                        .put("tier", m.tier()));
        return root;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
