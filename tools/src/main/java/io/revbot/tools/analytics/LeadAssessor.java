package io.revbot.tools.analytics;

import io.revbot.tools.analytics.IcpModel.Inputs;
import io.revbot.tools.analytics.IcpModel.Result;
import io.revbot.tools.analytics.LeadAssessment.Batch;
import io.revbot.tools.analytics.LeadAssessment.Company;
import io.revbot.tools.analytics.LeadAssessment.Line;
import io.revbot.tools.analytics.LeadAssessment.Person;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Finds a lead or contact and scores it with {@link IcpModel}; scores new leads in batch. */
public final class LeadAssessor {
    /** Where web research can fill a missing criterion. */
    private static final Map<String, String> RESEARCH = Map.of(
            "industry", "industry (company website, LinkedIn)",
            "employees", "employee count (LinkedIn, company website)",
            "annual revenue", "estimated annual revenue (press, funding databases)",
            "cloud", "cloud provider (job postings, engineering blog)",
            "use case and latency", "analytics use case and latency needs (product pages, engineering blog)",
            "data volume and concurrency", "data volume and concurrency (engineering blog, talks)",
            "data stack", "current data stack (job postings, engineering blog)",
            "title authority", "the person's title (LinkedIn)",
            "lead source", "how the lead reached us (CRM)");

    private final Warehouse warehouse;
    private final Clock clock;

    public LeadAssessor(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Finds the person by email, else by name within the company, among leads, then contacts. */
    public Outcome<LeadAssessment> assess(String name, String company, String email) {
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasName = name != null && !name.isBlank();
        if (!hasEmail && !hasName) {
            return new Outcome.NotFound<>("", "give a name (and company) or an email");
        }
        String query = hasEmail ? email.trim() : name.trim() + (company == null ? "" : " @ " + company.trim());
        QueryTrace trace = new QueryTrace(warehouse);
        String companyPattern = company == null || company.isBlank()
                ? "%"
                : "%" + company.trim().toLowerCase(Locale.ROOT) + "%";
        List<Row> leads = trace.query(
                        "find the lead",
                        """
                        select lead_id, lead_name, email, title, company, industry, employee_size, estimated_annual_revenue,
                               country, lead_source, lead_status, created_date_ts
                        from lead_d
                        where (is_deleted is null or is_deleted = false)
                          and (lower(email) = ? or (? = false and lower(lead_name) = ? and lower(company) like ?))
                        order by created_date_ts desc
                        """,
                        hasEmail ? email.trim().toLowerCase(Locale.ROOT) : "",
                        hasEmail,
                        hasName ? name.trim().toLowerCase(Locale.ROOT) : "",
                        companyPattern)
                .all();
        List<Row> contacts = List.of();
        if (leads.isEmpty()) {
            contacts = trace.query(
                            "find the contact",
                            """
                            select c.contact_id, c.contact_name, c.contact_email, c.contact_title, c.created_date_ts,
                                   a.sf_account_id, a.sf_account_name
                            from contact_d c
                            left join salesforce_account_d a on a.sf_account_id = c.sf_account_id
                            where (c.is_deleted is null or c.is_deleted = false)
                              and (lower(c.contact_email) = ?
                                   or (? = false and lower(c.contact_name) = ? and lower(a.sf_account_name) like ?))
                            """,
                            hasEmail ? email.trim().toLowerCase(Locale.ROOT) : "",
                            hasEmail,
                            hasName ? name.trim().toLowerCase(Locale.ROOT) : "",
                            companyPattern)
                    .all();
        }
        if (leads.isEmpty() && contacts.isEmpty()) {
            return new Outcome.NotFound<>(query, "no lead or contact matches " + query);
        }
        if (leads.size() + contacts.size() > 1) {
            List<Outcome.Candidate> candidates = new ArrayList<>();
            leads.forEach(r -> candidates.add(new Outcome.Candidate(
                    r.string("lead_id"),
                    r.string("lead_name"),
                    "lead, " + r.string("title") + " at " + r.string("company"))));
            contacts.forEach(r -> candidates.add(new Outcome.Candidate(
                    r.string("contact_id"),
                    r.string("contact_name"),
                    "contact, " + r.string("contact_title") + " at " + r.string("sf_account_name"))));
            return new Outcome.Ambiguous<>(query, candidates);
        }
        LocalDate today = LocalDate.now(clock);
        List<String> notes = new ArrayList<>();
        Person person;
        String companyName;
        Row lead = leads.isEmpty() ? null : leads.getFirst();
        Row contact = contacts.isEmpty() ? null : contacts.getFirst();
        if (lead != null) {
            LocalDateTime created = lead.timestamp("created_date_ts");
            person = new Person(
                    "lead",
                    lead.string("lead_id"),
                    lead.string("lead_name"),
                    lead.string("email"),
                    lead.string("title"),
                    lead.string("lead_source"),
                    lead.string("lead_status"),
                    created == null ? null : created.toLocalDate());
            companyName = lead.string("company");
        } else {
            LocalDateTime created = contact.timestamp("created_date_ts");
            person = new Person(
                    "contact",
                    contact.string("contact_id"),
                    contact.string("contact_name"),
                    contact.string("contact_email"),
                    contact.string("contact_title"),
                    null,
                    null,
                    created == null ? null : created.toLocalDate());
            companyName = contact.string("sf_account_name");
        }
        Row account = null;
        List<Row> accounts = trace.query(
                        "the company's CRM account",
                        """
                        select sf_account_id, sf_account_name, sf_account_type_custom, sf_industry, sf_sub_industry,
                               sf_number_of_employees, sf_estimated_annual_revenue, billing_country, sf_tech_stack, sf_use_case
                        from salesforce_account_d
                        where sf_account_id = ? or lower(sf_account_name) = ?
                        """,
                        contact == null ? "" : Objects.toString(contact.string("sf_account_id"), ""),
                        companyName == null ? "" : companyName.trim().toLowerCase(Locale.ROOT))
                .all();
        if (!accounts.isEmpty()) {
            account = accounts.getFirst();
        } else {
            notes.add("no CRM account named '" + companyName + "': company facts come from the lead record only");
        }
        int calls = (int) trace.query(
                        "calls with the person",
                        """
                        select count(*) as calls
                        from gong_call_f
                        where (is_deleted is null or is_deleted = false)
                          and (gong_related_lead = ? or gong_related_contact = ? or lower(gong_participants_emails) like ?)
                        """,
                        person.id(),
                        person.id(),
                        person.email() == null ? "\u0000" : "%" + person.email().toLowerCase(Locale.ROOT) + "%")
                .first()
                .integer("calls", 0);
        String callText = callText(trace, person);

        Company co = company(companyName, lead, account);
        String technicalText = join(join(co.useCase(), co.techStack()), callText);
        Inputs inputs = new Inputs(
                co.industry(),
                co.employees(),
                co.annualRevenueUsd(),
                technicalText,
                join(co.techStack(), callText),
                person.title(),
                calls,
                person.leadSource());
        Result result = IcpModel.score(inputs);
        List<String> missing =
                result.missing().stream().map(m -> RESEARCH.getOrDefault(m, m)).toList();
        return new Outcome.Found<>(new LeadAssessment(
                today,
                person,
                co,
                result.score(),
                result.band(),
                result.priority(),
                result.priority().playbook(),
                result.parts(),
                result.completeness(),
                result.confidence(),
                missing,
                notes,
                trace.executed()));
    }

    /** Scores every lead created on or after {@code since}, best first. */
    public Batch assessNewSince(LocalDate since) {
        QueryTrace trace = new QueryTrace(warehouse);
        List<Row> leads = trace.query(
                        "leads created since the date, with their company's account when named alike",
                        """
                        select l.lead_id, l.lead_name, l.email, l.title, l.company, l.industry, l.employee_size,
                               l.estimated_annual_revenue, l.country, l.lead_source, l.created_date_ts,
                               a.sf_account_id, a.sf_account_type_custom, a.sf_industry, a.sf_number_of_employees,
                               a.sf_estimated_annual_revenue, a.billing_country, a.sf_tech_stack, a.sf_use_case,
                               a.sf_account_name
                        from lead_d l
                        left join salesforce_account_d a on lower(a.sf_account_name) = lower(l.company)
                        where (l.is_deleted is null or l.is_deleted = false) and l.created_date_ts >= ?
                        order by l.created_date_ts desc
                        """,
                        since.atStartOfDay())
                .all();
        Map<String, Long> calls = new HashMap<>();
        for (Row r : trace.query("calls per lead", """
                        select gong_related_lead, count(*) as calls
                        from gong_call_f
                        where (is_deleted is null or is_deleted = false) and gong_related_lead is not null
                        group by gong_related_lead
                        """).all()) {
            calls.put(r.string("gong_related_lead"), r.integer("calls", 0));
        }
        List<Line> lines = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Row r : leads) {
            if (!seen.add(r.string("lead_id"))) {
                continue;
            }
            Company co = company(r.string("company"), r, r.string("sf_account_id") == null ? null : r);
            Result result = IcpModel.score(new Inputs(
                    co.industry(),
                    co.employees(),
                    co.annualRevenueUsd(),
                    join(co.useCase(), co.techStack()),
                    co.techStack(),
                    r.string("title"),
                    calls.getOrDefault(r.string("lead_id"), 0L).intValue(),
                    r.string("lead_source")));
            LocalDateTime created = r.timestamp("created_date_ts");
            lines.add(new Line(
                    r.string("lead_id"),
                    r.string("lead_name"),
                    r.string("title"),
                    r.string("company"),
                    created == null ? null : created.toLocalDate(),
                    result.score(),
                    result.band(),
                    result.priority(),
                    result.confidence(),
                    result.missing().stream()
                            .map(m -> RESEARCH.getOrDefault(m, m))
                            .toList()));
        }
        lines.sort(Comparator.comparingDouble(Line::score)
                .reversed()
                .thenComparing(Line::name, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Batch(LocalDate.now(clock), since, lines, trace.executed());
    }

    /** Lead fields first, the account's where the lead is silent. */
    private static Company company(String name, Row lead, Row account) {
        String industry = lead == null ? null : str(lead, "industry");
        Long employees = lead == null ? null : lead.integer("employee_size");
        Double revenue = lead == null ? null : lead.decimal("estimated_annual_revenue");
        String country = lead == null ? null : str(lead, "country");
        String accountId = null, type = null, stack = null, useCase = null;
        if (account != null) {
            accountId = account.string("sf_account_id");
            type = account.string("sf_account_type_custom");
            industry = industry != null ? industry : account.string("sf_industry");
            employees = employees != null ? employees : account.integer("sf_number_of_employees");
            revenue = revenue != null ? revenue : account.decimal("sf_estimated_annual_revenue");
            country = country != null ? country : account.string("billing_country");
            stack = account.string("sf_tech_stack");
            useCase = account.string("sf_use_case");
        }
        return new Company(
                name,
                accountId,
                type == null && accountId != null ? "Prospect" : type,
                industry,
                employees,
                revenue,
                country,
                stack,
                useCase);
    }

    private static String str(Row r, String column) {
        try {
            return r.string(column);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String callText(QueryTrace trace, Person person) {
        StringBuilder text = new StringBuilder();
        for (Row r : trace.query("what the calls with the person covered", """
                        select gong_call_brief, gong_call_key_points
                        from gong_call_f
                        where (is_deleted is null or is_deleted = false)
                          and (gong_related_lead = ? or gong_related_contact = ?)
                        """, person.id(), person.id())
                .all()) {
            text.append(Objects.toString(r.string("gong_call_brief"), ""))
                    .append('\n')
                    .append(Objects.toString(r.string("gong_call_key_points"), ""))
                    .append('\n');
        }
        return text.isEmpty() ? null : text.toString();
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + "\n" + b;
    }
}
