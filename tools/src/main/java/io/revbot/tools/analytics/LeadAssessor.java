package io.revbot.tools.analytics;

import io.revbot.tools.analytics.LeadAssessment.Batch;
import io.revbot.tools.analytics.LeadAssessment.Line;
import io.revbot.tools.analytics.LeadAssessment.Person;
import io.revbot.tools.analytics.LeadEvidence.CompanyFacts;
import io.revbot.tools.analytics.LeadEvidence.Evidence;
import io.revbot.tools.analytics.LeadEvidence.Subject;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.warehouse.Warehouse;
import io.revbot.tools.websearch.WebSearch;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a lead or contact and scores it with {@link IcpModel}; a person in neither gets a provisional assessment
 * from what is known about their company; new leads are scored in batch. Single and batch assessments take the
 * same path ({@link LeadEvidence} then {@link LeadScorer}), so a lead scores the same either way.
 */
public final class LeadAssessor {
    private final Warehouse warehouse;
    private final Clock clock;
    private final ProspectResearch research;

    public LeadAssessor(Warehouse warehouse, Clock clock) {
        this(warehouse, clock, Optional.empty());
    }

    /** {@code webSearch}: looked up for prospects the CRM does not know, when configured. */
    public LeadAssessor(Warehouse warehouse, Clock clock, Optional<WebSearch> webSearch) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.research = new ProspectResearch(Objects.requireNonNull(webSearch, "webSearch"));
    }

    public Outcome<LeadAssessment> assess(String name, String company, String email) {
        return assess(name, company, email, null);
    }

    /**
     * Finds the person by email, else by name within the company, among leads, then contacts; someone in neither
     * is assessed provisionally when a company or an email says where they work. {@code title} fills in a title the
     * CRM does not have (or gives a prospect's).
     */
    public Outcome<LeadAssessment> assess(String name, String company, String email, String title) {
        String n = blankToNull(name), c = blankToNull(company), e = blankToNull(email), t = blankToNull(title);
        if (e == null && n == null) {
            return new Outcome.NotFound<>("", "give a name (and company) or an email");
        }
        String query = e != null ? e : n + (c == null ? "" : " @ " + c);
        QueryTrace trace = new QueryTrace(warehouse);
        List<Subject> found = find(trace, n, c, e, t);
        if (found.size() > 1) {
            return new Outcome.Ambiguous<>(
                    query,
                    found.stream()
                            .map(s -> new Outcome.Candidate(
                                    s.person().id(),
                                    s.person().name(),
                                    s.person().source() + ", " + s.person().title() + " at " + s.company()))
                            .toList());
        }
        Subject subject;
        if (found.size() == 1) {
            subject = found.getFirst();
        } else if (c == null && LeadEvidence.domainOf(e) == null) {
            return new Outcome.NotFound<>(
                    query,
                    "no lead or contact matches " + query
                            + "; give --company (or a work email) for a provisional assessment");
        } else {
            subject = new Subject(new Person("prospect", null, n, e, t, null, null, null), c, null, CompanyFacts.NONE);
        }
        Evidence evidence = LeadEvidence.load(trace, List.of(subject)).getFirst();
        ProspectResearch.Found web = "prospect".equals(subject.person().source())
                ? research.about(
                        c != null
                                ? c
                                : evidence.account() == null
                                        ? null
                                        : evidence.account().name(),
                        subject.domain())
                : new ProspectResearch.Found(List.of(), List.of());
        return new Outcome.Found<>(
                LeadScorer.assess(LocalDate.now(clock), subject, evidence, web.facts(), web.notes(), trace.executed()));
    }

    /** Scores every lead created on or after {@code since}, best first, exactly as {@link #assess} scores each. */
    public Batch assessNewSince(LocalDate since) {
        QueryTrace trace = new QueryTrace(warehouse);
        List<Subject> subjects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row r : trace.query(
                        "leads created since the date",
                        LEADS + " and created_date_ts >= ? order by created_date_ts desc, lead_id",
                        since.atStartOfDay())
                .all()) {
            if (seen.add(r.string("lead_id"))) {
                subjects.add(lead(r, null));
            }
        }
        List<Evidence> evidence = LeadEvidence.load(trace, subjects);
        LocalDate today = LocalDate.now(clock);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            lines.add(Line.of(
                    LeadScorer.assess(today, subjects.get(i), evidence.get(i), List.of(), List.of(), List.of())));
        }
        lines.sort(Comparator.comparingDouble(Line::score)
                .reversed()
                .thenComparing(Line::name, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Batch(today, since, lines, trace.executed());
    }

    private static final String LEADS = """
            select lead_id, lead_name, email, title, company, industry, employee_size, estimated_annual_revenue,
                   country, lead_source, lead_status, created_date_ts
            from lead_d
            where (is_deleted is null or is_deleted = false)""";

    private static List<Subject> find(QueryTrace trace, String name, String company, String email, String title) {
        String companyPattern = company == null ? "%" : "%" + company.toLowerCase(Locale.ROOT) + "%";
        String lowerEmail = email == null ? "" : email.toLowerCase(Locale.ROOT);
        String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        List<Subject> found = new ArrayList<>();
        for (Row r : trace.query("find the lead", LEADS + """
                                 and (lower(email) = ? or (? = false and lower(lead_name) = ? and lower(company) like ?))
                                order by created_date_ts desc""", lowerEmail, email != null, lowerName, companyPattern)
                .all()) {
            found.add(lead(r, title));
        }
        if (!found.isEmpty()) {
            return found;
        }
        for (Row r : trace.query("find the contact", """
                        select c.contact_id, c.contact_name, c.contact_email, c.contact_title, c.created_date_ts,
                               a.sf_account_id, a.sf_account_name
                        from contact_d c
                        left join salesforce_account_d a on a.sf_account_id = c.sf_account_id
                        where (c.is_deleted is null or c.is_deleted = false)
                          and (lower(c.contact_email) = ?
                               or (? = false and lower(c.contact_name) = ? and lower(a.sf_account_name) like ?))
                        """, lowerEmail, email != null, lowerName, companyPattern)
                .all()) {
            LocalDateTime created = r.timestamp("created_date_ts");
            found.add(new Subject(
                    new Person(
                            "contact",
                            r.string("contact_id"),
                            r.string("contact_name"),
                            r.string("contact_email"),
                            orElse(r.string("contact_title"), title),
                            null,
                            null,
                            created == null ? null : created.toLocalDate()),
                    r.string("sf_account_name"),
                    r.string("sf_account_id"),
                    CompanyFacts.NONE));
        }
        return found;
    }

    private static Subject lead(Row r, String title) {
        LocalDateTime created = r.timestamp("created_date_ts");
        return new Subject(
                new Person(
                        "lead",
                        r.string("lead_id"),
                        r.string("lead_name"),
                        r.string("email"),
                        orElse(r.string("title"), title),
                        r.string("lead_source"),
                        r.string("lead_status"),
                        created == null ? null : created.toLocalDate()),
                r.string("company"),
                null,
                new CompanyFacts(
                        r.string("industry"),
                        r.integer("employee_size"),
                        r.decimal("estimated_annual_revenue"),
                        r.string("country")));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
