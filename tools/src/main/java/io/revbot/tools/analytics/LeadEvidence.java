package io.revbot.tools.analytics;

import io.revbot.tools.analytics.LeadAssessment.OpenDeal;
import io.revbot.tools.analytics.LeadAssessment.Person;
import io.revbot.tools.analytics.Rows.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the ICP score of a person is computed from, read for many people at once with the same queries whether
 * there is one ({@code lead}) or a hundred ({@code lead --new-since}): the company's CRM account (by the contact's
 * account id, else the company name ignoring case and spaces, else the email domain), its owner and open deals,
 * another lead at the same company for company facts the person's own record lacks, and the calls with the person
 * (linked to their lead or contact id, or with their email among the participants).
 */
final class LeadEvidence {
    /** Addresses that say nothing about the company a person works for. */
    static final Set<String> FREE_MAIL = Set.of(
            "gmail.com",
            "googlemail.com",
            "yahoo.com",
            "hotmail.com",
            "outlook.com",
            "live.com",
            "msn.com",
            "icloud.com",
            "me.com",
            "aol.com",
            "proton.me",
            "protonmail.com",
            "gmx.com",
            "gmx.de",
            "mail.com",
            "yandex.com");

    private static final int PER_QUERY = 100;

    private LeadEvidence() {}

    /** Who is assessed: the person, the company they named or are recorded at, and their own record's facts. */
    record Subject(Person person, String company, String accountId, CompanyFacts own) {
        String companyKey() {
            return key(company);
        }

        String domain() {
            return domainOf(person.email());
        }
    }

    /** Company facts from one record; any may be null. */
    record CompanyFacts(String industry, Long employees, Double revenueUsd, String country) {
        static final CompanyFacts NONE = new CompanyFacts(null, null, null, null);

        boolean any() {
            return industry != null || employees != null || revenueUsd != null || country != null;
        }
    }

    /** The CRM account a person's company matched, with its owner's name. */
    record Account(
            String id,
            String name,
            String type,
            CompanyFacts facts,
            String techStack,
            String useCase,
            String owner,
            String matchedBy) {}

    /** Another lead at the same company whose record has company facts. */
    record SameCompanyLead(String name, CompanyFacts facts) {}

    /** What was found for one subject. */
    record Evidence(
            Account account, List<OpenDeal> openDeals, SameCompanyLead sameCompanyLead, int calls, String callText) {}

    static List<Evidence> load(QueryTrace trace, List<Subject> subjects) {
        List<Evidence> all = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i += PER_QUERY) {
            all.addAll(loadChunk(trace, subjects.subList(i, Math.min(subjects.size(), i + PER_QUERY))));
        }
        return all;
    }

    private static List<Evidence> loadChunk(QueryTrace trace, List<Subject> subjects) {
        List<Row> accounts = accounts(trace, subjects);
        Map<String, List<OpenDeal>> deals = openDeals(trace, accounts);
        List<Row> leads = sameCompanyLeads(trace, subjects);
        List<Row> calls = calls(trace, subjects);
        List<Evidence> out = new ArrayList<>();
        for (Subject s : subjects) {
            Account account = account(s, accounts);
            List<OpenDeal> open = account == null ? List.of() : deals.getOrDefault(account.id(), List.of());
            StringBuilder text = new StringBuilder();
            int count = 0;
            for (Row call : calls) {
                if (with(s, call)) {
                    count++;
                    text.append(Objects.toString(call.string("gong_call_brief"), ""))
                            .append('\n')
                            .append(Objects.toString(call.string("gong_call_key_points"), ""))
                            .append('\n');
                }
            }
            out.add(new Evidence(
                    account, open, sameCompanyLead(s, leads), count, text.isEmpty() ? null : text.toString()));
        }
        return out;
    }

    private static List<Row> accounts(QueryTrace trace, List<Subject> subjects) {
        Set<String> ids = distinct(subjects.stream().map(Subject::accountId).toList());
        Set<String> names = distinct(subjects.stream().map(Subject::companyKey).toList());
        Set<String> domains = distinct(subjects.stream().map(Subject::domain).toList());
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in("a.sf_account_id", ids, where, params);
        in("lower(replace(a.sf_account_name, ' ', ''))", names, where, params);
        in("lower(a.sf_company_domain)", domains, where, params);
        if (where.isEmpty()) {
            return List.of();
        }
        return trace.query(
                        "the companies' CRM accounts with their owners",
                        """
                        select a.sf_account_id, a.sf_account_name, a.sf_account_type_custom, a.sf_industry,
                               a.sf_number_of_employees, a.sf_estimated_annual_revenue, a.billing_country,
                               a.sf_tech_stack, a.sf_use_case, a.sf_company_domain, e.first_name, e.last_name
                        from salesforce_account_d a
                        left join employee_d e on e.sf_user_id = a.sf_owner_id
                        where %s
                        order by a.sf_account_id
                        """.formatted(String.join(" or ", where)),
                        params.toArray())
                .all();
    }

    private static Map<String, List<OpenDeal>> openDeals(QueryTrace trace, List<Row> accounts) {
        Set<String> ids =
                distinct(accounts.stream().map(a -> a.string("sf_account_id")).toList());
        Map<String, List<OpenDeal>> byAccount = new HashMap<>();
        if (ids.isEmpty()) {
            return byAccount;
        }
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in("o.sf_account_id", ids, where, params);
        params.add(SalesProcess.CLOSED_WON);
        params.add(SalesProcess.CLOSED_LOST);
        for (Row r : trace.query(
                        "the accounts' open deals with their owners", """
                        select o.sf_account_id, o.opportunity_name, o.stage_name, o.amount, e.first_name, e.last_name
                        from opportunity_d o
                        left join employee_d e on e.sf_user_id = o.owner_id
                        where %s and o.stage_name not in (?, ?)
                        order by o.sf_account_id, o.opportunity_name
                        """.formatted(where.getFirst()), params.toArray())
                .all()) {
            byAccount
                    .computeIfAbsent(r.string("sf_account_id"), k -> new ArrayList<>())
                    .add(new OpenDeal(
                            r.string("opportunity_name"), r.string("stage_name"), r.decimal("amount"), name(r)));
        }
        return byAccount;
    }

    private static List<Row> sameCompanyLeads(QueryTrace trace, List<Subject> subjects) {
        Set<String> names = distinct(subjects.stream().map(Subject::companyKey).toList());
        Set<String> domains = distinct(subjects.stream().map(Subject::domain).toList());
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in("lower(replace(company, ' ', ''))", names, where, params);
        for (String domain : domains) {
            where.add("lower(email) like ?");
            params.add("%@" + domain);
        }
        if (where.isEmpty()) {
            return List.of();
        }
        return trace.query(
                        "other leads at the same companies",
                        """
                        select lead_id, lead_name, company, email, industry, employee_size, estimated_annual_revenue,
                               country, created_date_ts
                        from lead_d
                        where (is_deleted is null or is_deleted = false) and (%s)
                        order by created_date_ts desc, lead_id
                        """.formatted(String.join(" or ", where)),
                        params.toArray())
                .all();
    }

    private static List<Row> calls(QueryTrace trace, List<Subject> subjects) {
        Set<String> leadIds = distinct(subjects.stream()
                .filter(s -> "lead".equals(s.person().source()))
                .map(s -> s.person().id())
                .toList());
        Set<String> contactIds = distinct(subjects.stream()
                .filter(s -> "contact".equals(s.person().source()))
                .map(s -> s.person().id())
                .toList());
        Set<String> emails =
                distinct(subjects.stream().map(s -> lower(s.person().email())).toList());
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        in("gong_related_lead", leadIds, where, params);
        in("gong_related_contact", contactIds, where, params);
        for (String email : emails) {
            where.add("lower(gong_participants_emails) like ?");
            params.add("%" + email + "%");
        }
        if (where.isEmpty()) {
            return List.of();
        }
        return trace.query(
                        "calls with the people, and what they covered",
                        """
                        select gong_related_lead, gong_related_contact, gong_participants_emails, gong_call_brief,
                               gong_call_key_points
                        from gong_call_f
                        where (is_deleted is null or is_deleted = false) and (%s)
                        order by gong_call_start_ts, gong_call_id
                        """.formatted(String.join(" or ", where)),
                        params.toArray())
                .all();
    }

    private static Account account(Subject s, List<Row> accounts) {
        Row byId = null, byName = null, byDomain = null;
        for (Row a : accounts) {
            if (byId == null && s.accountId() != null && s.accountId().equals(a.string("sf_account_id"))) {
                byId = a;
            }
            if (byName == null && s.companyKey() != null && s.companyKey().equals(key(a.string("sf_account_name")))) {
                byName = a;
            }
            if (byDomain == null && s.domain() != null && s.domain().equals(lower(a.string("sf_company_domain")))) {
                byDomain = a;
            }
        }
        Row match = byId != null ? byId : byName != null ? byName : byDomain;
        if (match == null) {
            return null;
        }
        String matchedBy = match == byId ? "account id" : match == byName ? "company name" : "email domain";
        return new Account(
                match.string("sf_account_id"),
                match.string("sf_account_name"),
                match.string("sf_account_type_custom"),
                new CompanyFacts(
                        match.string("sf_industry"),
                        match.integer("sf_number_of_employees"),
                        match.decimal("sf_estimated_annual_revenue"),
                        match.string("billing_country")),
                match.string("sf_tech_stack"),
                match.string("sf_use_case"),
                name(match),
                matchedBy);
    }

    private static SameCompanyLead sameCompanyLead(Subject s, List<Row> leads) {
        SameCompanyLead byDomain = null;
        for (Row l : leads) {
            if (s.person().id() != null && s.person().id().equals(l.string("lead_id"))) {
                continue;
            }
            CompanyFacts facts = new CompanyFacts(
                    l.string("industry"),
                    l.integer("employee_size"),
                    l.decimal("estimated_annual_revenue"),
                    l.string("country"));
            if (!facts.any()) {
                continue;
            }
            if (s.companyKey() != null && s.companyKey().equals(key(l.string("company")))) {
                return new SameCompanyLead(l.string("lead_name"), facts);
            }
            if (byDomain == null && s.domain() != null && s.domain().equals(domainOf(l.string("email")))) {
                byDomain = new SameCompanyLead(l.string("lead_name"), facts);
            }
        }
        return byDomain;
    }

    private static boolean with(Subject s, Row call) {
        String id = s.person().id();
        if (id != null
                && (id.equals(call.string("gong_related_lead")) || id.equals(call.string("gong_related_contact")))) {
            return true;
        }
        String email = lower(s.person().email());
        String participants = lower(call.string("gong_participants_emails"));
        return email != null
                && participants != null
                && Arrays.stream(participants.split(",")).map(String::strip).anyMatch(email::equals);
    }

    /** A company name compared as the SQL does: lower case, spaces removed. */
    static String key(String company) {
        return company == null || company.isBlank()
                ? null
                : company.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /** The company domain of an email address; null for free-mail addresses and non-addresses. */
    static String domainOf(String email) {
        String e = lower(email);
        if (e == null || e.indexOf('@') < 1) {
            return null;
        }
        String domain = e.substring(e.lastIndexOf('@') + 1);
        return domain.isEmpty() || FREE_MAIL.contains(domain) ? null : domain;
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String name(Row r) {
        String name = (Objects.toString(r.string("first_name"), "") + " " + Objects.toString(r.string("last_name"), ""))
                .strip();
        return name.isEmpty() ? null : name;
    }

    private static Set<String> distinct(Collection<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
        }
        return out;
    }

    private static void in(String column, Set<String> values, List<String> where, List<Object> params) {
        if (values.isEmpty()) {
            return;
        }
        where.add(column + " in ("
                + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
        params.addAll(values);
    }
}
