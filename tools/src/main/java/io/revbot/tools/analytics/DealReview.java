package io.revbot.tools.analytics;

import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import java.time.LocalDate;
import java.util.List;

/**
 * A deal review: the opportunity's dry numbers, a MEDDPICC scorecard from CRM fields and calls, stage-exit
 * criteria, an evidence-adjusted probability next to the CRM one with the reasons for the gap, risks and
 * opportunities by category, and the last calls. {@link #queries()} holds the SQL behind every figure.
 */
public record DealReview(
        LocalDate asOf,
        Deal deal,
        List<ScorecardEntry> scorecard,
        double meddpiccScore,
        List<ExitCheck> exitCriteria,
        Probability probability,
        List<Finding> risks,
        List<Finding> opportunities,
        CallSummary calls,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public DealReview {
        scorecard = List.copyOf(scorecard);
        exitCriteria = List.copyOf(exitCriteria);
        risks = List.copyOf(risks);
        opportunities = List.copyOf(opportunities);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    /** The opportunity's numbers. ACV = TCV / contract months × 12. Days to close is negative when past. */
    public record Deal(
            String opportunityId,
            String name,
            String type,
            String accountId,
            String accountName,
            String region,
            String stage,
            int crmProbability,
            Double tcv,
            Integer contractMonths,
            Double acv,
            String ownerName,
            LocalDate closeDate,
            Long daysInStage,
            Long stageMedianDays,
            Long daysToClose,
            String nextStep,
            String primaryContact) {}

    /** One MEDDPICC element: final status, what the CRM says, what the calls show, and the evidence. */
    public record ScorecardEntry(
            Element element,
            Status status,
            Status crmStatus,
            String crmText,
            Status callStatus,
            List<String> evidence) {
        public ScorecardEntry {
            evidence = List.copyOf(evidence);
        }
    }

    /** Whether the deal showed what it needed to leave a stage it has passed (or is in). */
    public record ExitCheck(String stage, String requirement, boolean met, List<String> gaps) {
        public ExitCheck {
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * CRM probability next to the evidence-adjusted one: probability of the stage the evidence supports × (0.5 +
     * 0.5 × MEDDPICC score); {@code reasons} explain the gap.
     */
    public record Probability(
            int crm, int evidenceAdjusted, String evidencedStage, int evidencedStageProbability, List<String> reasons) {
        public Probability {
            reasons = List.copyOf(reasons);
        }
    }

    public enum Category {
        TECHNICAL,
        ENGAGEMENT,
        COMPETITIVE,
        PROCESS,
        BUSINESS
    }

    /** A risk or an opportunity, by category. */
    public record Finding(Category category, String text) {}

    /** The calls on the deal: counts, who joined, and the most recent ones. */
    public record CallSummary(
            int total,
            LocalDate lastCallDate,
            Long daysSinceLastCall,
            boolean economicBuyerEverJoined,
            String economicBuyer,
            int championCallsAttended,
            List<String> competitorsNamed,
            boolean onlyDiscovery,
            List<CallLine> recent) {
        public CallSummary {
            competitorsNamed = List.copyOf(competitorsNamed);
            recent = List.copyOf(recent);
        }
    }

    /** One call: date, title, kind (discovery, technical validation, pricing, paper process), attendees, brief. */
    public record CallLine(
            String callId,
            LocalDate date,
            String title,
            String kind,
            String host,
            List<String> attendees,
            String brief) {
        public CallLine {
            attendees = List.copyOf(attendees);
        }
    }
}
