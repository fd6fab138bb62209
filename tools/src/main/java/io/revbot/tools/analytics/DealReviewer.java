package io.revbot.tools.analytics;

import io.revbot.tools.analytics.CallEvidence.Topic;
import io.revbot.tools.analytics.DealReview.CallSummary;
import io.revbot.tools.analytics.DealReview.Deal;
import io.revbot.tools.analytics.DealReview.ExitCheck;
import io.revbot.tools.analytics.DealReview.Finding;
import io.revbot.tools.analytics.DealReview.Probability;
import io.revbot.tools.analytics.DealReview.ScorecardEntry;
import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.analytics.SalesProcess.Stage;
import io.revbot.tools.analytics.SalesProcess.Track;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link DealReview} for one opportunity found by id or name, deterministically and in this order: {@link
 * DealQueries} loads the deal, its calls and the people on them; {@link MeddpiccScorecard} scores MEDDPICC from the
 * CRM fields and the call evidence (which outranks CRM text); {@link DealProbability} walks the stages' exit criteria
 * and adjusts the probability; {@link DealFindings} summarises the calls and lists risks and opportunities.
 */
public final class DealReviewer {
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

        Deal deal = deal(opportunityId, o, crmProbability, daysInStage, stageMedian, today);

        List<DealPerson> attendees = new ArrayList<>(contacts);
        if (!calls.isEmpty()) {
            attendees.addAll(DealQueries.employees(trace));
        }
        CallSummary callSummary = DealFindings.callSummary(calls, economicBuyer, champion, attendees, today);
        Probability probability = DealProbability.probability(
                crmStage, crmProbability, evidenced, score, scorecard, exits, callSummary, calls);
        List<Finding> risks = new ArrayList<>();
        List<Finding> opportunities = new ArrayList<>();
        DealFindings.findings(deal, scorecard, callSummary, topicsOnCalls, track, crmStage, risks, opportunities);

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

    /** The deal's CRM facts with contract value per year, owner, time in stage and days to close. */
    private static Deal deal(
            String opportunityId, Row o, int crmProbability, Long daysInStage, Long stageMedian, LocalDate today) {
        double acvFactor = o.integer("contract_duration_months") == null || o.integer("contract_duration_months") <= 0
                ? Double.NaN
                : 12.0 / o.integer("contract_duration_months");
        Double tcv = o.decimal("amount");
        Double acv = tcv == null || Double.isNaN(acvFactor) ? null : ReportFormat.round2(tcv * acvFactor);
        LocalDate closeDate = o.date("close_date");
        String owner = ReportFormat.joinName(o.string("first_name"), o.string("last_name"));

        return new Deal(
                opportunityId,
                o.string("opportunity_name"),
                o.string("opportunity_type"),
                o.string("sf_account_id"),
                o.string("sf_account_name"),
                o.string("account_region"),
                o.string("stage_name"),
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
    }
}
