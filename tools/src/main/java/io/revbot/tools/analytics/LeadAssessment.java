package io.revbot.tools.analytics;

import io.revbot.tools.analytics.IcpModel.Band;
import io.revbot.tools.analytics.IcpModel.Confidence;
import io.revbot.tools.analytics.IcpModel.Part;
import io.revbot.tools.analytics.IcpModel.Priority;
import java.time.LocalDate;
import java.util.List;

/**
 * A lead's (or contact's) ICP assessment: score 0–100 from company, technical and business fit, band, priority and
 * playbook, confidence from data completeness, and the facts web research could fill.
 */
public record LeadAssessment(
        LocalDate asOf,
        Person person,
        Company company,
        double score,
        Band band,
        Priority priority,
        String playbook,
        List<Part> parts,
        double completeness,
        Confidence confidence,
        List<String> missingFacts,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public LeadAssessment {
        parts = List.copyOf(parts);
        missingFacts = List.copyOf(missingFacts);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    /** The person: from {@code lead_d} or {@code contact_d}. */
    public record Person(
            String source,
            String id,
            String name,
            String email,
            String title,
            String leadSource,
            String leadStatus,
            LocalDate created) {}

    /** The company, from the lead record and the matching CRM account when there is one. */
    public record Company(
            String name,
            String accountId,
            String accountType,
            String industry,
            Long employees,
            Double annualRevenueUsd,
            String country,
            String techStack,
            String useCase) {}

    /** Many leads scored at once ({@code lead --new-since 7d}), best first. */
    public record Batch(LocalDate asOf, LocalDate since, List<Line> leads, List<ExecutedQuery> queries) {
        public Batch {
            leads = List.copyOf(leads);
            queries = List.copyOf(queries);
        }
    }

    /** One lead of a batch. */
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
            List<String> missingFacts) {
        public Line {
            missingFacts = List.copyOf(missingFacts);
        }
    }
}
