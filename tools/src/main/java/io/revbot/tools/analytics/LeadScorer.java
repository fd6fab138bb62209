package io.revbot.tools.analytics;

import io.revbot.tools.analytics.IcpModel.Confidence;
import io.revbot.tools.analytics.IcpModel.Inputs;
import io.revbot.tools.analytics.IcpModel.Result;
import io.revbot.tools.analytics.LeadAssessment.Company;
import io.revbot.tools.analytics.LeadAssessment.OpenDeal;
import io.revbot.tools.analytics.LeadAssessment.Relationship;
import io.revbot.tools.analytics.LeadAssessment.WebFact;
import io.revbot.tools.analytics.LeadEvidence.Account;
import io.revbot.tools.analytics.LeadEvidence.CompanyFacts;
import io.revbot.tools.analytics.LeadEvidence.Evidence;
import io.revbot.tools.analytics.LeadEvidence.Subject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one way a person is scored, whether alone or in a batch: {@link IcpModel} over the facts of
 * {@link LeadEvidence} (and, for a prospect not in the CRM, web search hits), with the facts still missing, the
 * existing relationship and notes. Pure: no SQL, no network.
 */
final class LeadScorer {
    /** Where web research can fill a missing criterion. */
    static final Map<String, String> RESEARCH = Map.of(
            "industry", "industry (company website, LinkedIn)",
            "employees", "employee count (LinkedIn, company website)",
            "annual revenue", "estimated annual revenue (press, funding databases)",
            "cloud", "cloud provider (job postings, engineering blog)",
            "use case and latency", "analytics use case and latency needs (product pages, engineering blog)",
            "data volume and concurrency", "data volume and concurrency (engineering blog, talks)",
            "data stack", "current data stack (job postings, engineering blog)",
            "title authority", "the person's title (LinkedIn)",
            "lead source", "how the lead reached us (CRM)");

    private LeadScorer() {}

    static LeadAssessment assess(
            LocalDate today,
            Subject subject,
            Evidence evidence,
            List<WebFact> web,
            List<String> searchNotes,
            List<ExecutedQuery> queries) {
        boolean provisional = "prospect".equals(subject.person().source());
        List<String> notes = new ArrayList<>();
        Company company = company(subject, evidence, notes);
        String webText = web.isEmpty()
                ? null
                : String.join(
                        "\n",
                        web.stream().map(f -> f.title() + " " + f.snippet()).toList());
        String technical = join(join(join(company.useCase(), company.techStack()), evidence.callText()), webText);
        Result result = IcpModel.score(new Inputs(
                company.industry(),
                company.employees(),
                company.annualRevenueUsd(),
                technical,
                join(join(company.techStack(), evidence.callText()), webText),
                subject.person().title(),
                evidence.calls(),
                subject.person().leadSource()));
        Confidence confidence = result.confidence();
        if (provisional) {
            notes.add(
                    0,
                    "Provisional: " + describe(subject) + " is in neither the CRM's leads nor its contacts;"
                            + " scored from what is known about the company, and the person's details are as given.");
            if (confidence == Confidence.HIGH) {
                confidence = Confidence.MEDIUM; // nothing about the person is confirmed by a CRM record
            }
        }
        if (!web.isEmpty()) {
            notes.add("Technical fit includes phrases from " + web.size()
                    + " web search results (unverified): check them before relying on it.");
        }
        notes.addAll(searchNotes);
        Relationship relationship = relationship(evidence);
        if (relationship != null) {
            notes.add(relationship.summary());
        }
        return new LeadAssessment(
                today,
                subject.person(),
                company,
                provisional,
                result.score(),
                result.band(),
                result.priority(),
                result.priority().playbook(),
                result.parts(),
                result.completeness(),
                confidence,
                result.missing().stream().map(m -> RESEARCH.getOrDefault(m, m)).toList(),
                relationship,
                web,
                notes,
                queries);
    }

    /** The person's own record first, then the CRM account, then another lead at the same company. */
    private static Company company(Subject subject, Evidence evidence, List<String> notes) {
        CompanyFacts own = subject.own();
        Account account = evidence.account();
        CompanyFacts fromAccount = account == null ? CompanyFacts.NONE : account.facts();
        CompanyFacts fromLead = evidence.sameCompanyLead() == null
                ? CompanyFacts.NONE
                : evidence.sameCompanyLead().facts();
        int[] used = new int[3]; // facts taken from: the person's record, the account, another lead
        String industry = pick(used, own.industry(), fromAccount.industry(), fromLead.industry());
        Long employees = pick(used, own.employees(), fromAccount.employees(), fromLead.employees());
        Double revenue = pick(used, own.revenueUsd(), fromAccount.revenueUsd(), fromLead.revenueUsd());
        String country = pick(used, own.country(), fromAccount.country(), fromLead.country());
        List<String> sources = new ArrayList<>();
        if (used[0] > 0) {
            sources.add(subject.person().source() + " record");
        }
        if (account != null) {
            sources.add("CRM account " + account.name() + " (matched by " + account.matchedBy() + ")");
        } else if (subject.company() != null) {
            notes.add("no CRM account named '" + subject.company() + "'"
                    + (subject.domain() == null ? "" : " or with the domain " + subject.domain()));
        }
        if (used[2] > 0) {
            sources.add(
                    "another lead at the company (" + evidence.sameCompanyLead().name() + ")");
        }
        if (subject.person().email() != null
                && LeadEvidence.domainOf(subject.person().email()) == null) {
            notes.add("the email's domain is a free-mail one or missing: it does not identify the company");
        }
        String type = account == null ? null : account.type() == null ? "Prospect" : account.type();
        return new Company(
                subject.company() != null ? subject.company() : account == null ? null : account.name(),
                account == null ? null : account.id(),
                type,
                industry,
                employees,
                revenue,
                country,
                account == null ? null : account.techStack(),
                account == null ? null : account.useCase(),
                sources.isEmpty() ? "nothing on record" : String.join("; ", sources));
    }

    /** A customer account or open deals mean someone already owns the relationship: name them. */
    private static Relationship relationship(Evidence evidence) {
        Account account = evidence.account();
        if (account == null) {
            return null;
        }
        boolean customer = account.type() != null
                && account.type().toLowerCase(Locale.ROOT).contains("customer");
        List<OpenDeal> open = evidence.openDeals();
        if (!customer && open.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        s.append(account.name())
                .append(customer ? " is an existing " + account.type() : " has " + deals(open.size()) + " open")
                .append(" (account owner ")
                .append(account.owner() == null ? "unknown" : account.owner())
                .append(')');
        if (customer && !open.isEmpty()) {
            s.append(" with ").append(deals(open.size())).append(" open");
        }
        if (!open.isEmpty()) {
            s.append(": ")
                    .append(String.join(
                            "; ",
                            open.stream()
                                    .limit(3)
                                    .map(d -> d.name() + " (" + d.stage() + ", owner "
                                            + (d.owner() == null ? "unknown" : d.owner()) + ")")
                                    .toList()));
        }
        s.append(". Coordinate with the owner before reaching out as to a new lead.");
        return new Relationship(account.name(), account.type(), account.owner(), open, s.toString());
    }

    private static String deals(int n) {
        return n == 1 ? "1 deal" : n + " deals";
    }

    private static String describe(Subject s) {
        String who = s.person().name() != null ? s.person().name() : s.person().email();
        return who + (s.company() == null ? "" : " at " + s.company());
    }

    /** The first non-null of the three, counting in {@code used} where it came from. */
    private static <T> T pick(int[] used, T own, T account, T lead) {
        if (own != null) {
            used[0]++;
            return own;
        }
        if (account != null) {
            used[1]++;
            return account;
        }
        if (lead != null) {
            used[2]++;
        }
        return lead;
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + "\n" + b;
    }
}
