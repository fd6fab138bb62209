package io.revbot.tools.analytics;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.analytics.Rows.Row;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The warehouse queries of a deal review, each run through the review's {@link QueryTrace} and read into rows or
 * records: the opportunities a query matches, the chosen opportunity with its account, owner and primary contact,
 * time in stage, the deal's calls with their transcripts, and the people who may have joined those calls.
 */
final class DealQueries {
    /**
     * Live calls on the deal, or on its account and tied to no opportunity, from a time (account calls only) until a
     * time. Parameters: opportunity id, account id, account calls since, until.
     */
    private static final String CALL_FILTER = """
            from gong_call_f g
            where (g.gong_related_opportunity = ?
                   or (g.gong_primary_account = ? and g.gong_related_opportunity is null and g.gong_call_start_ts >= ?))
              and (g.is_deleted is null or g.is_deleted = false)
              and g.gong_call_start_ts < ?
            """;

    private DealQueries() {}

    /** Opportunities whose id is {@code q}, or whose name or account name contains it (any case). */
    static List<Row> matching(QueryTrace trace, String q) {
        return trace.query(
                        "find the opportunity",
                        """
                select o.opportunity_id, o.opportunity_name, o.stage_name, o.close_date, a.sf_account_name
                from opportunity_d o
                left join salesforce_account_d a on a.sf_account_id = o.sf_account_id
                where o.opportunity_id = ? or lower(o.opportunity_name) like ? or lower(a.sf_account_name) like ?
                order by o.opportunity_name, o.opportunity_id
                """,
                        q,
                        "%" + q.toLowerCase(Locale.ROOT) + "%",
                        "%" + q.toLowerCase(Locale.ROOT) + "%")
                .all();
    }

    /** The opportunity with its MEDDPICC fields, account, owner's name and primary contact. */
    static Row opportunity(QueryTrace trace, String opportunityId) {
        return trace.query("the opportunity, its account, owner and primary contact", """
                        select o.opportunity_id, o.opportunity_name, o.opportunity_type, o.sf_account_id, o.stage_name,
                               o.amount, o.contract_duration_months, o.probability, o.close_date, o.created_at_ts,
                               o.next_step, o.competitors, o.decision_timeline_date,
                               o.metrics, o.metrics_status, o.economic_buyer, o.economic_buyer_status,
                               o.identify_pain, o.identify_pain_status, o.champion, o.champion_status,
                               o.decision_criteria, o.decision_criteria_status,
                               o.decision_making_process, o.decision_making_process_status,
                               o.paper_process, o.paper_process_status, o.competition, o.competition_status,
                               a.sf_account_name, a.account_region, a.sf_company_domain,
                               e.first_name, e.last_name, c.contact_name, c.contact_title
                        from opportunity_d o
                        left join salesforce_account_d a on a.sf_account_id = o.sf_account_id
                        left join employee_d e on e.sf_user_id = o.owner_id
                        left join contact_d c on c.contact_id = o.contact_id
                        where o.opportunity_id = ?
                        """, opportunityId)
                .first();
    }

    /** Days in the current stage: since it started, else as recorded; null when the stage history lacks it. */
    static Long daysInStage(QueryTrace trace, String opportunityId, String stageName, LocalDate today) {
        Rows stageRows = trace.query("time in the current stage", """
                select to_stage, started_at_ts, days_in_stage, is_active_stage
                from opportunity_stage_f
                where opportunity_id = ?
                order by started_at_ts desc
                """, opportunityId);
        for (Row r : stageRows.all()) {
            if (Boolean.TRUE.equals(r.bool("is_active_stage")) || Objects.equals(r.string("to_stage"), stageName)) {
                LocalDateTime started = r.timestamp("started_at_ts");
                if (started != null) {
                    return ChronoUnit.DAYS.between(started.toLocalDate(), today);
                }
                return r.integer("days_in_stage"); // may be null; a conditional expression would unbox it
            }
        }
        return null;
    }

    /** Median days that deals which left {@code stageName} spent in it, rounded; null without such deals. */
    static Long stageMedianDays(QueryTrace trace, String stageName) {
        Rows medianRows = trace.query("median days deals spent in this stage", """
                select percentile_cont(0.5) within group (order by days_in_stage) as median_days
                from opportunity_stage_f
                where to_stage = ? and ended_at_ts is not null
                """, stageName);
        Double median = medianRows.isEmpty() ? null : medianRows.first().decimal("median_days");
        return median == null ? null : Math.round(median);
    }

    /**
     * Calls on the deal, and calls on its account in the last 180 days tied to no opportunity, oldest first, with
     * their transcripts; when the transcripts cannot be read, adds a note and judges from the call summaries.
     */
    static List<CallFacts> calls(
            QueryTrace trace, String opportunityId, String accountId, LocalDate today, List<String> notes) {
        LocalDateTime accountCallsSince = today.minusDays(180).atStartOfDay();
        LocalDateTime until = today.plusDays(1).atStartOfDay();
        Rows callRows = trace.query(
                "calls on the deal (and account-level calls of the last 180 days)",
                """
                select g.gong_call_id, g.gong_call_name, g.gong_title, g.gong_call_start_ts, g.gong_participants_emails,
                       g.gong_call_brief, g.gong_call_key_points, g.gong__call_highlights_next_steps,
                       e.first_name, e.last_name
                """
                        + CALL_FILTER.replace(
                                "from gong_call_f g",
                                "from gong_call_f g left join employee_d e on e.sf_user_id = g.sf_owner_id")
                        + " order by g.gong_call_start_ts",
                opportunityId,
                accountId,
                accountCallsSince,
                until);
        Map<String, StringBuilder> transcripts = new LinkedHashMap<>();
        Map<String, Set<String>> speakers = new LinkedHashMap<>();
        Map<String, Set<String>> speakerEmails = new LinkedHashMap<>();
        if (!callRows.isEmpty()) {
            try {
                Rows lines = trace.query(
                        "transcripts of those calls",
                        "select t.gong_call_id, t.speaker, t.email, t.text from transcript t where t.gong_call_id in"
                                + " (select g.gong_call_id " + CALL_FILTER
                                + ") order by t.gong_call_id, t.start_second",
                        opportunityId,
                        accountId,
                        accountCallsSince,
                        until);
                for (Row line : lines.all()) {
                    String id = line.string("gong_call_id");
                    transcripts
                            .computeIfAbsent(id, k -> new StringBuilder())
                            .append(line.string("text"))
                            .append('\n');
                    if (line.string("speaker") != null) {
                        speakers.computeIfAbsent(id, k -> new LinkedHashSet<>())
                                .add(line.string("speaker").trim().toLowerCase(Locale.ROOT));
                    }
                    if (line.string("email") != null) {
                        speakerEmails
                                .computeIfAbsent(id, k -> new LinkedHashSet<>())
                                .add(line.string("email").trim().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (UpstreamException e) {
                notes.add("transcripts unavailable (" + e.getMessage()
                        + "); judged from briefs, key points and next steps");
            }
        }
        List<CallFacts> calls = new ArrayList<>();
        for (Row r : callRows.all()) {
            String id = r.string("gong_call_id");
            Set<String> emails = new LinkedHashSet<>(splitEmails(r.string("gong_participants_emails")));
            emails.addAll(speakerEmails.getOrDefault(id, Set.of()));
            String summaryText = String.join(
                    "\n",
                    Objects.requireNonNullElse(r.string("gong_call_brief"), ""),
                    Objects.requireNonNullElse(r.string("gong_call_key_points"), ""),
                    Objects.requireNonNullElse(r.string("gong__call_highlights_next_steps"), ""));
            String transcript =
                    transcripts.containsKey(id) ? transcripts.get(id).toString() : "";
            String text = summaryText + "\n" + transcript;
            LocalDateTime start = r.timestamp("gong_call_start_ts");
            calls.add(new CallFacts(
                    id,
                    start == null ? null : start.toLocalDate(),
                    r.string("gong_title") != null ? r.string("gong_title") : r.string("gong_call_name"),
                    ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                    emails,
                    speakers.getOrDefault(id, Set.of()),
                    text,
                    CallEvidence.scan(text),
                    CallEvidence.competitorsNamed(text),
                    r.string("gong_call_brief")));
        }
        return calls;
    }

    /** Contacts at the account, emails in lower case. */
    static List<DealPerson> contacts(QueryTrace trace, String accountId) {
        Rows rows = trace.query("contacts at the account (to name attendees)", """
                select contact_name, contact_email, contact_title
                from contact_d
                where sf_account_id = ? and (is_deleted is null or is_deleted = false)
                """, accountId);
        List<DealPerson> people = new ArrayList<>();
        for (Row r : rows.all()) {
            people.add(new DealPerson(
                    r.string("contact_name"), lower(r.string("contact_email")), r.string("contact_title")));
        }
        return people;
    }

    /** Our people with an email, emails in lower case. */
    static List<DealPerson> employees(QueryTrace trace) {
        List<DealPerson> people = new ArrayList<>();
        for (Row r : trace.query(
                        "our people (to name internal attendees)",
                        "select first_name, last_name, user_email from employee_d where user_email is not null")
                .all()) {
            people.add(new DealPerson(
                    ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                    lower(r.string("user_email")),
                    null));
        }
        return people;
    }

    /** The email addresses in a list separated by commas, semicolons or whitespace, in lower case. */
    static List<String> splitEmails(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split("[,;\\s]+")) {
            if (part.contains("@")) {
                out.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
