package io.revbot.tools.analytics;

import io.revbot.tools.analytics.CallEvidence.Mention;
import io.revbot.tools.analytics.CallEvidence.Topic;
import io.revbot.tools.analytics.DealReview.ScorecardEntry;
import io.revbot.tools.analytics.Meddpicc.Element;
import io.revbot.tools.analytics.Meddpicc.Status;
import io.revbot.tools.analytics.Rows.Row;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deal's MEDDPICC scorecard from its CRM fields and its calls. Call evidence outranks CRM text: when a deal has
 * calls, an element the calls never show is at most partial, and one the calls explicitly deny is missing.
 */
final class MeddpiccScorecard {
    /** A champion who joined a call within this many days is active. */
    static final int CHAMPION_ACTIVE_DAYS = 45;

    private MeddpiccScorecard() {}

    /** The scorecard in element order: each element's CRM status, what the calls show, and the status combined. */
    static Map<Element, ScorecardEntry> build(
            Row o,
            List<CallFacts> calls,
            DealPerson eb,
            DealPerson champion,
            List<DealPerson> contacts,
            LocalDate today) {
        Map<Element, ScorecardEntry> card = new EnumMap<>(Element.class);
        for (Element element : Element.values()) {
            String crmText = o.string(element.column());
            Status crm = Status.fromCrm(o.string(element.statusColumn()), crmText);
            List<String> evidence = new ArrayList<>();
            if (crmText != null && !crmText.isBlank()) {
                evidence.add("CRM (" + crm + "): " + ReportFormat.abbreviate(crmText, 160));
            } else {
                evidence.add("CRM: empty");
            }
            Status fromCalls;
            if (calls.isEmpty()) {
                fromCalls = null;
            } else {
                fromCalls = switch (element) {
                    case ECONOMIC_BUYER -> economicBuyerOnCalls(eb, calls, contacts, evidence);
                    case CHAMPION -> championOnCalls(champion, calls, today, evidence);
                    case COMPETITION -> competitionOnCalls(o, calls, crm, evidence);
                    case METRICS -> topicOnCalls(Topic.METRICS, calls, crm, evidence);
                    case IDENTIFY_PAIN -> topicOnCalls(Topic.PAIN, calls, crm, evidence);
                    case DECISION_CRITERIA -> topicOnCalls(Topic.DECISION_CRITERIA, calls, crm, evidence);
                    case DECISION_PROCESS -> topicOnCalls(Topic.DECISION_PROCESS, calls, crm, evidence);
                    case PAPER_PROCESS -> topicOnCalls(Topic.PAPER_PROCESS, calls, crm, evidence);
                };
            }
            Status status = combine(crm, fromCalls, calls.isEmpty(), evidence);
            card.put(element, new ScorecardEntry(element, status, crm, crmText, fromCalls, evidence));
        }
        return card;
    }

    /** The mean of the elements' status weights, from 0 (all missing) to 1 (all strong). */
    static double score(Map<Element, ScorecardEntry> card) {
        return card.values().stream().mapToDouble(e -> e.status().weight()).sum() / Element.values().length;
    }

    /**
     * Call evidence outranks CRM text: with no calls, the CRM status stands; calls that show an element decide
     * its status; calls that explicitly deny it make it missing; calls silent on it leave at most partial.
     */
    static Status combine(Status crm, Status fromCalls, boolean noCalls, List<String> evidence) {
        if (noCalls) {
            evidence.add("no calls recorded: CRM status stands unverified");
            return crm;
        }
        if (fromCalls != null) {
            return fromCalls;
        }
        Status capped = crm == Status.STRONG ? Status.PARTIAL : crm;
        if (crm == Status.STRONG) {
            evidence.add("claimed in the CRM but not seen on any call: at most partial");
        }
        return capped;
    }

    /**
     * Strong when positive on 2+ calls, or on one call that corroborates a CRM entry; partial on one call alone;
     * missing when calls only deny it; null when the calls are silent.
     */
    private static Status topicOnCalls(Topic topic, List<CallFacts> calls, Status crm, List<String> evidence) {
        int positive = 0;
        String denial = null;
        for (CallFacts call : calls) {
            for (Mention m : call.mentions()) {
                if (m.topic() != topic) {
                    continue;
                }
                if (!m.negated()) {
                    positive++;
                    if (positive <= 2) {
                        evidence.add("call " + call.date() + " \"" + call.title() + "\": "
                                + ReportFormat.abbreviate(m.clause(), 140));
                    }
                } else if (denial == null) {
                    denial = "call " + call.date() + " \"" + call.title() + "\": "
                            + ReportFormat.abbreviate(m.clause(), 140);
                }
            }
        }
        if (positive >= 2) {
            return Status.STRONG;
        }
        if (positive == 1) {
            return crm == Status.MISSING ? Status.PARTIAL : Status.STRONG;
        }
        if (denial != null) {
            evidence.add(denial);
            return Status.MISSING;
        }
        return null;
    }

    private static Status economicBuyerOnCalls(
            DealPerson eb, List<CallFacts> calls, List<DealPerson> contacts, List<String> evidence) {
        if (eb != null) {
            List<CallFacts> joined = calls.stream().filter(eb::attended).toList();
            if (!joined.isEmpty()) {
                evidence.add(eb.name() + " joined " + joined.size() + " of " + calls.size() + " calls, last on "
                        + joined.getLast().date());
                return Status.STRONG;
            }
            evidence.add("economic buyer " + eb.name() + " never attended any of the " + calls.size() + " calls");
            return Status.PARTIAL;
        }
        for (DealPerson c : contacts) {
            if (c.executive() && calls.stream().anyMatch(c::attended)) {
                evidence.add(
                        "no economic buyer named, but executive " + c.name() + " (" + c.title() + ") joined a call");
                return Status.PARTIAL;
            }
        }
        evidence.add("no economic buyer named and no executive joined any call");
        return Status.MISSING;
    }

    private static Status championOnCalls(
            DealPerson champion, List<CallFacts> calls, LocalDate today, List<String> evidence) {
        if (champion == null) {
            return null;
        }
        List<CallFacts> joined = calls.stream().filter(champion::attended).toList();
        if (joined.isEmpty()) {
            evidence.add("champion " + champion.name() + " has not joined any of the " + calls.size() + " calls");
            return Status.PARTIAL;
        }
        LocalDate last = joined.getLast().date();
        evidence.add(champion.name() + " joined " + joined.size() + " calls, last on " + last);
        return last != null && ChronoUnit.DAYS.between(last, today) <= CHAMPION_ACTIVE_DAYS
                ? Status.STRONG
                : Status.PARTIAL;
    }

    private static Status competitionOnCalls(Row o, List<CallFacts> calls, Status crm, List<String> evidence) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CallFacts call : calls) {
            for (String c : call.competitors()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            String crmCompetitors = o.string("competitors");
            if (crmCompetitors != null && !crmCompetitors.isBlank()) {
                evidence.add("CRM competitors: " + crmCompetitors + " (not named on calls)");
            }
            return null;
        }
        evidence.add("named on calls: " + counts);
        int callsNaming =
                counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return callsNaming >= 2 || crm == Status.STRONG ? Status.STRONG : Status.PARTIAL;
    }
}
