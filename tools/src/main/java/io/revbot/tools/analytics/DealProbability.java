package io.revbot.tools.analytics;

import io.revbot.tools.analytics.CallEvidence.Topic;
import io.revbot.tools.analytics.DealReview.CallSummary;
import io.revbot.tools.analytics.DealReview.ExitCheck;
import io.revbot.tools.analytics.DealReview.Probability;
import io.revbot.tools.analytics.DealReview.ScorecardEntry;
import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import io.revbot.tools.analytics.SalesProcess.ExitCriteria;
import io.revbot.tools.analytics.SalesProcess.Stage;
import io.revbot.tools.analytics.SalesProcess.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How far the evidence carries a deal through the sales process, and the probability that follows: the stages' exit
 * criteria checked against the scorecard and the call topics up to the CRM stage, then the evidence-adjusted
 * probability with its reasons.
 */
final class DealProbability {
    private DealProbability() {}

    /**
     * Walks the stages up to the CRM stage, adding a check per stage to {@code out}; the first earlier stage whose exit
     * criteria are unmet is where the evidence stops (the CRM stage when none is). A closed or unknown CRM stage is
     * returned unchecked.
     */
    static Stage evidencedStage(
            Track track, Stage crmStage, Map<Element, ScorecardEntry> card, Set<Topic> topics, List<ExitCheck> out) {
        if (crmStage == null || crmStage.closed()) {
            return crmStage;
        }
        Map<String, ExitCriteria> criteria = SalesProcess.exitCriteria(track);
        Stage evidenced = null;
        for (Stage stage : SalesProcess.stages(track)) {
            if (stage.closed()) {
                break;
            }
            ExitCriteria exit = criteria.get(stage.name());
            List<String> gaps = new ArrayList<>();
            if (exit != null) {
                exit.elements().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(req -> {
                            Status have = card.get(req.getKey()).status();
                            if (!have.atLeast(req.getValue())) {
                                gaps.add(req.getKey().label() + " is " + have + " (needs " + req.getValue() + ")");
                            }
                        });
                for (Topic t : exit.callTopics()) {
                    if (!topics.contains(t)) {
                        gaps.add("no call shows " + t.label());
                    }
                }
            }
            boolean current = stage.name().equals(crmStage.name());
            out.add(new ExitCheck(
                    stage.name(),
                    (current ? "to leave (current stage): " : "to have left: ")
                            + (exit == null ? "no criteria" : exit.summary()),
                    gaps.isEmpty(),
                    gaps));
            if (evidenced == null && !gaps.isEmpty() && !current) {
                evidenced = stage;
            }
            if (current) {
                break;
            }
        }
        return evidenced == null ? crmStage : evidenced;
    }

    /**
     * The lower of the evidenced stage's and the CRM probability, scaled by 0.5 + 0.5 × the MEDDPICC score, with the
     * reasons; closed deals and stages outside the model keep the CRM probability.
     */
    static Probability probability(
            Stage crmStage,
            int crmProbability,
            Stage evidenced,
            double score,
            Map<Element, ScorecardEntry> card,
            List<ExitCheck> exits,
            CallSummary calls,
            List<CallFacts> callFacts) {
        List<String> reasons = new ArrayList<>();
        if (crmStage == null || crmStage.closed() || evidenced == null) {
            reasons.add(
                    crmStage != null && crmStage.closed()
                            ? "the deal is closed"
                            : "unknown stage: CRM probability kept");
            return new Probability(
                    crmProbability, crmProbability, crmStage == null ? null : crmStage.name(), crmProbability, reasons);
        }
        int base = Math.min(evidenced.probability(), crmProbability);
        double factor = 0.5 + 0.5 * score;
        int adjusted = (int) Math.round(base * factor);
        if (!evidenced.name().equals(crmStage.name())) {
            ExitCheck failed = exits.stream()
                    .filter(e -> e.stage().equals(evidenced.name()))
                    .findFirst()
                    .orElseThrow();
            reasons.add(
                    "CRM stage is " + crmStage.name() + " (" + crmProbability + " %), but the evidence only supports "
                            + evidenced.name() + " (" + evidenced.probability() + " %): to leave " + evidenced.name()
                            + " it still needs: " + String.join("; ", failed.gaps()));
        }
        reasons.add(String.format(
                Locale.ROOT,
                "MEDDPICC score %.2f of 1 scales the stage probability by %.2f (0.5 + 0.5 × score)",
                score,
                factor));
        if (!callFacts.isEmpty() && calls.onlyDiscovery()) {
            reasons.add("all " + callFacts.size()
                    + " calls were discovery: no pricing, technical validation or paper process discussed");
        }
        if (calls.economicBuyer() != null && !calls.economicBuyerEverJoined() && !callFacts.isEmpty()) {
            reasons.add("the economic buyer (" + calls.economicBuyer() + ") never attended a call");
        }
        if (callFacts.isEmpty()) {
            reasons.add("no calls recorded: the CRM's MEDDPICC fields are unverified");
        }
        if (card.get(Element.PAPER_PROCESS).status() == Status.MISSING && crmStage.probability() >= 75) {
            reasons.add("no paper process evidenced at " + crmStage.name());
        }
        return new Probability(crmProbability, adjusted, evidenced.name(), evidenced.probability(), reasons);
    }
}
