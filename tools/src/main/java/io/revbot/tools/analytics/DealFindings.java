package io.revbot.tools.analytics;

import io.revbot.tools.analytics.CallEvidence.Topic;
import io.revbot.tools.analytics.DealReview.CallLine;
import io.revbot.tools.analytics.DealReview.CallSummary;
import io.revbot.tools.analytics.DealReview.Category;
import io.revbot.tools.analytics.DealReview.Deal;
import io.revbot.tools.analytics.DealReview.Finding;
import io.revbot.tools.analytics.DealReview.ScorecardEntry;
import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import io.revbot.tools.analytics.SalesProcess.Stage;
import io.revbot.tools.analytics.SalesProcess.Track;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a deal review reports besides the scorecard and probability: a summary of the deal's calls, and the risks and
 * opportunities read from the deal, its scorecard and its calls.
 */
final class DealFindings {
    /** Calls shown in a review. */
    static final int RECENT_CALLS = 5;
    /** No call for longer than this is an engagement risk. */
    static final int QUIET_DAYS = 21;

    private DealFindings() {}

    /** The calls in sum, and the last {@value #RECENT_CALLS} newest first with attendees named from {@code people}. */
    static CallSummary callSummary(
            List<CallFacts> calls, DealPerson eb, DealPerson champion, List<DealPerson> people, LocalDate today) {
        Map<String, DealPerson> byEmail = new LinkedHashMap<>();
        for (DealPerson p : people) {
            if (p.email() != null) {
                byEmail.put(p.email(), p);
            }
        }
        List<CallLine> recent = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0 && recent.size() < RECENT_CALLS; i--) {
            CallFacts c = calls.get(i);
            List<String> attendees = new ArrayList<>();
            for (String email : c.participantEmails()) {
                DealPerson p = byEmail.get(email);
                attendees.add(p == null ? email : p.name() + (p.title() == null ? "" : " (" + p.title() + ")"));
            }
            recent.add(new CallLine(c.id(), c.date(), c.title(), c.kind(), c.host(), attendees, c.brief()));
        }
        LocalDate last = calls.isEmpty() ? null : calls.getLast().date();
        Set<String> competitors = new TreeSet<>();
        calls.forEach(c -> competitors.addAll(c.competitors()));
        boolean onlyDiscovery =
                !calls.isEmpty() && calls.stream().allMatch(c -> c.kind().equals("discovery"));
        return new CallSummary(
                calls.size(),
                last,
                last == null ? null : ChronoUnit.DAYS.between(last, today),
                eb != null && calls.stream().anyMatch(eb::attended),
                eb == null ? null : eb.name(),
                champion == null
                        ? 0
                        : (int) calls.stream().filter(champion::attended).count(),
                List.copyOf(competitors),
                onlyDiscovery,
                recent);
    }

    /**
     * Adds the deal's risks and opportunities to the two lists, by category: technical, engagement, competitive,
     * process, business.
     */
    static void findings(
            Deal deal,
            Map<Element, ScorecardEntry> card,
            CallSummary calls,
            Set<Topic> topics,
            Track track,
            Stage crmStage,
            List<Finding> risks,
            List<Finding> opportunities) {
        int stageIndex = crmStage == null ? -1 : SalesProcess.openIndex(track, crmStage.name());
        int proposeIndex = SalesProcess.openIndex(track, "Propose");
        boolean open = crmStage != null && !crmStage.closed();
        // technical
        if (open
                && track == Track.NEW_BUSINESS
                && stageIndex >= proposeIndex
                && !topics.contains(Topic.TECHNICAL_VALIDATION)) {
            risks.add(new Finding(Category.TECHNICAL, "no technical validation (POC, benchmark) seen on any call"));
        }
        if (topics.contains(Topic.TECHNICAL_VALIDATION)) {
            opportunities.add(new Finding(Category.TECHNICAL, "technical validation discussed on calls"));
        }
        // engagement
        if (calls.total() == 0) {
            risks.add(new Finding(Category.ENGAGEMENT, "no calls recorded on this deal"));
        } else if (calls.daysSinceLastCall() != null && calls.daysSinceLastCall() > QUIET_DAYS && open) {
            risks.add(new Finding(Category.ENGAGEMENT, "no call for " + calls.daysSinceLastCall() + " days"));
        }
        if (calls.economicBuyer() != null && !calls.economicBuyerEverJoined() && calls.total() > 0) {
            risks.add(new Finding(
                    Category.ENGAGEMENT, "economic buyer " + calls.economicBuyer() + " never joined a call"));
        } else if (calls.economicBuyerEverJoined()) {
            opportunities.add(
                    new Finding(Category.ENGAGEMENT, "economic buyer " + calls.economicBuyer() + " has joined calls"));
        }
        if (card.get(Element.CHAMPION).status() == Status.STRONG) {
            opportunities.add(
                    new Finding(Category.ENGAGEMENT, "active champion (" + calls.championCallsAttended() + " calls)"));
        } else if (card.get(Element.CHAMPION).status() == Status.MISSING) {
            risks.add(new Finding(Category.ENGAGEMENT, "no champion identified"));
        }
        // competitive
        if (!calls.competitorsNamed().isEmpty()) {
            risks.add(new Finding(
                    Category.COMPETITIVE,
                    "competitors named on calls: " + String.join(", ", calls.competitorsNamed())));
        } else if (card.get(Element.COMPETITION).status() == Status.MISSING) {
            risks.add(new Finding(Category.COMPETITIVE, "competitive landscape unknown"));
        }
        // process
        if (open && deal.daysToClose() != null && deal.daysToClose() < 0) {
            risks.add(new Finding(
                    Category.PROCESS,
                    "close date " + deal.closeDate() + " passed " + (-deal.daysToClose()) + " days ago"));
        }
        if (open
                && deal.daysInStage() != null
                && deal.stageMedianDays() != null
                && deal.daysInStage() > deal.stageMedianDays()) {
            risks.add(new Finding(
                    Category.PROCESS,
                    deal.daysInStage() + " days in " + deal.stage() + " (median " + deal.stageMedianDays() + ")"));
        }
        if (open
                && crmStage.probability() >= 75
                && card.get(Element.PAPER_PROCESS).status() != Status.STRONG) {
            risks.add(new Finding(Category.PROCESS, "paper process not evidenced at " + crmStage.name()));
        }
        if (open && (deal.nextStep() == null || deal.nextStep().isBlank())) {
            risks.add(new Finding(Category.PROCESS, "no next step in the CRM"));
        }
        if (card.get(Element.DECISION_PROCESS).status() == Status.STRONG) {
            opportunities.add(new Finding(Category.PROCESS, "decision process confirmed on calls"));
        }
        // business
        if (card.get(Element.METRICS).status() == Status.MISSING) {
            risks.add(new Finding(Category.BUSINESS, "no quantified business case (metrics missing)"));
        } else if (card.get(Element.METRICS).status() == Status.STRONG) {
            opportunities.add(new Finding(Category.BUSINESS, "quantified business case discussed"));
        }
        if (card.get(Element.IDENTIFY_PAIN).status() == Status.STRONG) {
            opportunities.add(new Finding(Category.BUSINESS, "pain confirmed on several calls"));
        } else if (card.get(Element.IDENTIFY_PAIN).status() == Status.MISSING) {
            risks.add(new Finding(Category.BUSINESS, "no pain identified"));
        }
    }
}
