package io.revbot.tools.analytics;

import io.revbot.tools.analytics.CallEvidence.Topic;
import io.revbot.tools.analytics.DealReview.CallLine;
import io.revbot.tools.analytics.DealReview.CallSummary;
import io.revbot.tools.analytics.DealReview.Category;
import io.revbot.tools.analytics.DealReview.Deal;
import io.revbot.tools.analytics.DealReview.ExitCheck;
import io.revbot.tools.analytics.DealReview.Finding;
import io.revbot.tools.analytics.DealReview.Probability;
import io.revbot.tools.analytics.DealReview.ScorecardEntry;
import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.analytics.SalesProcess.Stage;
import io.revbot.tools.analytics.SalesProcess.Track;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link DealReview} for one opportunity found by id or name. Call evidence outranks CRM text: when a deal
 * has calls, an element the calls never show is at most partial, and one the calls explicitly deny is missing.
 */
public final class DealReviewer {
    /** Calls shown in a review. */
    static final int RECENT_CALLS = 5;
    /** No call for longer than this is an engagement risk. */
    static final int QUIET_DAYS = 21;

    private final Warehouse warehouse;
    private final Clock clock;

    public DealReviewer(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reviews the deal whose id is {@code query}, or whose name (or account name) contains it. */
    public Outcome<DealReview> review(String query) {
        if (query == null || query.isBlank()) {
            return new Outcome.NotFound<>("", "give an opportunity name or id");
        }
        String q = query.trim();
        QueryTrace trace = new QueryTrace(warehouse);
        List<Row> rows = DealQueries.matching(trace, q);
        if (rows.isEmpty()) {
            return new Outcome.NotFound<>(q, "no opportunity matches '" + q + "'");
        }
        List<Row> exact = rows.stream()
                .filter(r -> q.equals(r.string("opportunity_id")) || q.equalsIgnoreCase(r.string("opportunity_name")))
                .toList();
        List<Row> chosen = exact.size() == 1 ? exact : rows;
        if (chosen.size() > 1) {
            List<Outcome.Candidate> candidates = chosen.stream()
                    .limit(20)
                    .map(r -> new Outcome.Candidate(
                            r.string("opportunity_id"),
                            r.string("opportunity_name"),
                            r.string("sf_account_name") + ", " + r.string("stage_name") + ", closes "
                                    + r.date("close_date")))
                    .toList();
            return new Outcome.Ambiguous<>(q, candidates);
        }
        return new Outcome.Found<>(build(trace, chosen.getFirst().string("opportunity_id")));
    }

    private DealReview build(QueryTrace trace, String opportunityId) {
        LocalDate today = LocalDate.now(clock);
        Row o = DealQueries.opportunity(trace, opportunityId);
        Track track = Track.of(o.string("opportunity_type"));
        String stageName = o.string("stage_name");
        List<String> notes = new ArrayList<>();

        Long daysInStage = DealQueries.daysInStage(trace, opportunityId, stageName, today);
        Long stageMedian = DealQueries.stageMedianDays(trace, stageName);

        String accountId = o.string("sf_account_id");
        List<CallFacts> calls = DealQueries.calls(trace, opportunityId, accountId, today, notes);
        List<DealPerson> contacts = DealQueries.contacts(trace, accountId);

        DealPerson economicBuyer = DealPerson.resolve(o.string("economic_buyer"), contacts, calls);
        DealPerson champion = DealPerson.resolve(o.string("champion"), contacts, calls);

        Map<Element, ScorecardEntry> scorecard =
                MeddpiccScorecard.build(o, calls, economicBuyer, champion, contacts, today);
        double score = MeddpiccScorecard.score(scorecard);

        Set<Topic> topicsOnCalls = CallFacts.topicsOnCalls(calls);
        Stage crmStage = SalesProcess.stage(track, stageName).orElse(null);
        List<ExitCheck> exits = new ArrayList<>();
        Stage evidenced = DealProbability.evidencedStage(track, crmStage, scorecard, topicsOnCalls, exits);
        int crmProbability = o.integer("probability") != null
                ? o.integer("probability").intValue()
                : crmStage == null ? 0 : crmStage.probability();
        if (crmStage == null) {
            notes.add("stage '" + stageName + "' is not in the stage model; probability taken from the CRM");
        }

        double acvFactor = o.integer("contract_duration_months") == null || o.integer("contract_duration_months") <= 0
                ? Double.NaN
                : 12.0 / o.integer("contract_duration_months");
        Double tcv = o.decimal("amount");
        Double acv = tcv == null || Double.isNaN(acvFactor) ? null : ReportFormat.round2(tcv * acvFactor);
        LocalDate closeDate = o.date("close_date");
        String owner = ReportFormat.joinName(o.string("first_name"), o.string("last_name"));

        Deal deal = new Deal(
                opportunityId,
                o.string("opportunity_name"),
                o.string("opportunity_type"),
                accountId,
                o.string("sf_account_name"),
                o.string("account_region"),
                stageName,
                crmProbability,
                tcv,
                o.integer("contract_duration_months") == null
                        ? null
                        : o.integer("contract_duration_months").intValue(),
                acv,
                owner == null ? "unknown owner" : owner,
                closeDate,
                daysInStage,
                stageMedian,
                closeDate == null ? null : ChronoUnit.DAYS.between(today, closeDate),
                o.string("next_step"),
                o.string("contact_name") == null
                        ? null
                        : o.string("contact_name")
                                + (o.string("contact_title") == null ? "" : " (" + o.string("contact_title") + ")"));

        List<DealPerson> attendees = new ArrayList<>(contacts);
        if (!calls.isEmpty()) {
            attendees.addAll(DealQueries.employees(trace));
        }
        CallSummary callSummary = callSummary(calls, economicBuyer, champion, attendees, today);
        Probability probability = DealProbability.probability(
                crmStage, crmProbability, evidenced, score, scorecard, exits, callSummary, calls);
        List<Finding> risks = new ArrayList<>();
        List<Finding> opportunities = new ArrayList<>();
        findings(deal, scorecard, callSummary, topicsOnCalls, track, crmStage, risks, opportunities);

        return new DealReview(
                today,
                deal,
                List.copyOf(scorecard.values()),
                ReportFormat.round2(score),
                exits,
                probability,
                risks,
                opportunities,
                callSummary,
                notes,
                trace.executed());
    }

    // --- summary and findings ------------------------------------------------------------------------------

    private static CallSummary callSummary(
            List<CallFacts> calls, DealPerson eb, DealPerson champion, List<DealPerson> contacts, LocalDate today) {
        Map<String, DealPerson> byEmail = new LinkedHashMap<>();
        for (DealPerson p : contacts) {
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

    private static void findings(
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
