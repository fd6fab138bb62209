package io.revbot.orchestrator.routing;

import io.revbot.agents.AgentName;
import io.revbot.agents.AgentSpec;
import io.revbot.agents.Agents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Routes every question of a labelled set and scores the decisions ({@code revbot eval routing}). */
public final class RoutingEvaluation {
    private RoutingEvaluation() {}

    /**
     * Routes {@code set} with the router's tiers for {@code agents}; with {@code withModelTier} false, questions the
     * embedding tier is unsure of go to the manager without asking the routing model (no model call at all).
     */
    public static RoutingReport evaluate(
            Router router, Agents agents, List<LabelledQuestion> set, boolean withModelTier) {
        List<RoutingDecision> decisions = new ArrayList<>(set.size());
        for (LabelledQuestion q : set) {
            decisions.add(
                    withModelTier
                            ? router.route(q.question(), agents)
                            : router.route(q.question(), agents, () -> null));
        }
        return score(agents, set, decisions);
    }

    /** The figures of {@code decisions}, one per question of {@code set}. */
    static RoutingReport score(Agents agents, List<LabelledQuestion> set, List<RoutingDecision> decisions) {
        int single = 0;
        int multi = 0;
        int direct = 0;
        int correct = 0;
        int fastPath = 0;
        int wrong = 0;
        int multiCut = 0;
        int smallTalk = 0;
        int modelCalls = 0;
        int saved = 0;
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        Map<String, Map<String, Integer>> tiers = new TreeMap<>();
        Map<String, int[]> perAgent = new TreeMap<>(); // routed, right, expected
        for (AgentSpec s : agents.specialists()) {
            perAgent.put(s.name().value(), new int[3]);
        }
        List<RoutingReport.Misrouted> misrouted = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            LabelledQuestion q = set.get(i);
            RoutingDecision d = decisions.get(i);
            String column =
                    d instanceof RoutingDecision.Specialist s ? s.agent().value() : d.decision();
            confusion.computeIfAbsent(q.row(), k -> new TreeMap<>()).merge(column, 1, Integer::sum);
            tiers.computeIfAbsent(d.tier().label(), k -> new TreeMap<>()).merge(d.decision(), 1, Integer::sum);
            boolean askedModel = d.tier() == Tier.MODEL;
            modelCalls += askedModel ? 1 : 0;
            if (!(d instanceof RoutingDecision.Supervisor)) {
                saved++;
            }
            if (d instanceof RoutingDecision.Specialist s) {
                perAgent.computeIfAbsent(s.agent().value(), k -> new int[3])[0]++;
            }
            boolean right;
            switch (q.kind()) {
                case SINGLE -> {
                    single++;
                    AgentName expected = q.expected().get(0);
                    perAgent.computeIfAbsent(expected.value(), k -> new int[3])[2]++;
                    right = d instanceof RoutingDecision.Specialist s
                            && s.agent().equals(expected);
                    if (right) {
                        perAgent.get(expected.value())[1]++;
                        fastPath += d.tier() == Tier.MODEL ? 0 : 1;
                    } else if (!(d instanceof RoutingDecision.Supervisor)) {
                        wrong++;
                        misrouted.add(misrouted(q, d));
                    }
                }
                case MULTI -> {
                    multi++;
                    right = d instanceof RoutingDecision.Supervisor;
                    if (!right) {
                        multiCut++;
                        misrouted.add(misrouted(q, d));
                    }
                }
                case DIRECT -> {
                    direct++;
                    right = !(d instanceof RoutingDecision.Specialist);
                    if (!right) {
                        smallTalk++;
                        misrouted.add(misrouted(q, d));
                    }
                }
                default -> throw new IllegalStateException();
            }
            correct += right ? 1 : 0;
        }
        Map<String, RoutingReport.AgentFigures> figures = new TreeMap<>();
        perAgent.forEach((agent, n) -> figures.put(
                agent,
                new RoutingReport.AgentFigures(
                        n[0],
                        n[1],
                        n[2],
                        n[0] == 0 ? 1.0 : (double) n[1] / n[0],
                        n[2] == 0 ? 1.0 : (double) n[1] / n[2])));
        return new RoutingReport(
                set.size(),
                single,
                multi,
                direct,
                set.isEmpty() ? 0 : (double) correct / set.size(),
                fastPath,
                wrong,
                multiCut,
                smallTalk,
                confusion,
                figures,
                tiers,
                modelCalls,
                saved - modelCalls,
                misrouted);
    }

    private static RoutingReport.Misrouted misrouted(LabelledQuestion q, RoutingDecision d) {
        String decided = d instanceof RoutingDecision.Specialist s ? s.agent().value() : d.decision();
        return new RoutingReport.Misrouted(
                q.question(),
                String.join(",", q.expected().stream().map(AgentName::value).toList())
                                .isEmpty()
                        ? "manager"
                        : String.join(
                                ",", q.expected().stream().map(AgentName::value).toList()),
                decided,
                d.tier().label());
    }
}
