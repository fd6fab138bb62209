package io.revbot.tools.analytics;

import io.revbot.tools.analytics.IcpModel.Band;
import io.revbot.tools.analytics.IcpModel.Confidence;
import io.revbot.tools.analytics.IcpModel.Part;
import io.revbot.tools.analytics.IcpModel.Priority;
import java.time.LocalDate;
import java.util.List;

/**
 * A lead's (or contact's, or unknown prospect's) ICP assessment: score 0–100 from company, technical and business
 * fit, band, priority and playbook, confidence from data completeness, and the facts web research could fill.
 * {@code provisional} when the person is in neither leads nor contacts: scored from what is known about the
 * company, with the facts still missing. {@code relationship} (null when none) says when the company is already a
 * customer or has open deals, and who owns them.
 */
public record LeadAssessment(
        LocalDate asOf,
        Person person,
        Company company,
        boolean provisional,
        double score,
        Band band,
        Priority priority,
        String playbook,
        List<Part> parts,
        double completeness,
        Confidence confidence,
        List<String> missingFacts,
        Relationship relationship,
        List<WebFact> webFacts,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public LeadAssessment {
        parts = List.copyOf(parts);
        missingFacts = List.copyOf(missingFacts);
        webFacts = List.copyOf(webFacts);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    /**
     * The person: from {@code lead_d} or {@code contact_d} ({@code source} {@code lead} or {@code contact}), or
     * {@code prospect} when only the name, company, email and title given are known (no id then).
     */
    public record Person(
            String source,
            String id,
            String name,
            String email,
            String title,
            String leadSource,
            String leadStatus,
            LocalDate created) {}

    /**
     * The company, from the lead record, the matching CRM account (by account id, name or email domain) and other
     * leads at the same company, in that order; {@code factsFrom} names where the facts came from.
     */
    public record Company(
            String name,
            String accountId,
            String accountType,
            String industry,
            Long employees,
            Double annualRevenueUsd,
            String country,
            String techStack,
            String useCase,
            String factsFrom) {}

    /** The company is already a customer, or has open deals: whom to talk to before treating this as a new lead. */
    public record Relationship(
            String accountName, String accountType, String accountOwner, List<OpenDeal> openDeals, String summary) {
        public Relationship {
            openDeals = List.copyOf(openDeals);
        }
    }

    /** An open opportunity of the company's account. */
    public record OpenDeal(String name, String stage, Double amount, String owner) {}

    /** A web search hit about the company: shown as found, never taken as verified fact. */
    public record WebFact(String title, String url, String snippet) {}

    /** Many leads scored at once ({@code lead --new-since 7d}), best first. */
    public record Batch(LocalDate asOf, LocalDate since, List<Line> leads, List<ExecutedQuery> queries) {
        public Batch {
            leads = List.copyOf(leads);
            queries = List.copyOf(queries);
        }
    }

    /** One lead of a batch: the summary of its full assessment (the same one {@code lead} shows for it). */
    public record Line(
            String leadId,
            String name,
            String title,
            String company,
            LocalDate created,
            double score,
            Band band,
            Priority priority,
            Confidence confidence,
            List<String> missingFacts,
            String relationship) {
        public Line {
            missingFacts = List.copyOf(missingFacts);
        }

        static Line of(LeadAssessment a) {
            return new Line(
                    a.person().id(),
                    a.person().name(),
                    a.person().title(),
                    a.company().name(),
                    a.person().created(),
                    a.score(),
                    a.band(),
                    a.priority(),
                    a.confidence(),
                    a.missingFacts(),
                    a.relationship() == null ? null : a.relationship().summary());
        }
    }
}
