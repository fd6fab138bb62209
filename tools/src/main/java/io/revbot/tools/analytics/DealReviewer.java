package io.revbot.tools.analytics;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.analytics.CallEvidence.Mention;
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
import io.revbot.tools.analytics.SalesProcess.ExitCriteria;
import io.revbot.tools.analytics.SalesProcess.Stage;
import io.revbot.tools.analytics.SalesProcess.Track;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
    /** A champion who joined a call within this many days is active. */
    static final int CHAMPION_ACTIVE_DAYS = 45;
    /** No call for longer than this is an engagement risk. */
    static final int QUIET_DAYS = 21;

    private static final List<String> EXECUTIVE_TITLES =
            List.of("chief", "ceo", "cfo", "cto", "cio", "coo", "cdo", "vp", "vice president", "president", "head of");

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
        Rows matches = trace.query(
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
                "%" + q.toLowerCase(Locale.ROOT) + "%");
        List<Row> rows = matches.all();
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
        Row o = trace.query("the opportunity, its account, owner and primary contact", """
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
        Track track = Track.of(o.string("opportunity_type"));
        String stageName = o.string("stage_name");
        List<String> notes = new ArrayList<>();

        Rows stageRows = trace.query("time in the current stage", """
                select to_stage, started_at_ts, days_in_stage, is_active_stage
                from opportunity_stage_f
                where opportunity_id = ?
                order by started_at_ts desc
                """, opportunityId);
        Long daysInStage = null;
        for (Row r : stageRows.all()) {
            if (Boolean.TRUE.equals(r.bool("is_active_stage")) || Objects.equals(r.string("to_stage"), stageName)) {
                LocalDateTime started = r.timestamp("started_at_ts");
                daysInStage = started != null
                        ? ChronoUnit.DAYS.between(started.toLocalDate(), today)
                        : r.integer("days_in_stage");
                break;
            }
        }
        Rows medianRows = trace.query("median days deals spent in this stage", """
                select percentile_cont(0.5) within group (order by days_in_stage) as median_days
                from opportunity_stage_f
                where to_stage = ? and ended_at_ts is not null
                """, stageName);
        Double median = medianRows.isEmpty() ? null : medianRows.first().decimal("median_days");
        Long stageMedian = median == null ? null : Math.round(median);

        String accountId = o.string("sf_account_id");
        List<CallFacts> calls = loadCalls(trace, opportunityId, accountId, today, notes);
        List<Person> contacts = loadContacts(trace, accountId);

        Person economicBuyer = Person.resolve(o.string("economic_buyer"), contacts, calls);
        Person champion = Person.resolve(o.string("champion"), contacts, calls);

        Map<Element, ScorecardEntry> scorecard = scorecard(o, calls, economicBuyer, champion, contacts, today);
        double score = scorecard.values().stream()
                        .mapToDouble(e -> e.status().weight())
                        .sum()
                / Element.values().length;

        Set<Topic> topicsOnCalls = topicsOnCalls(calls);
        Stage crmStage = SalesProcess.stage(track, stageName).orElse(null);
        List<ExitCheck> exits = new ArrayList<>();
        Stage evidenced = evidencedStage(track, crmStage, scorecard, topicsOnCalls, exits);
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

        List<Person> attendees = new ArrayList<>(contacts);
        if (!calls.isEmpty()) {
            attendees.addAll(loadEmployees(trace));
        }
        CallSummary callSummary = callSummary(calls, economicBuyer, champion, attendees, today);
        Probability probability =
                probability(crmStage, crmProbability, evidenced, score, scorecard, exits, callSummary, calls);
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

    // --- calls -----------------------------------------------------------------------------------------------

    /** What one call showed. */
    record CallFacts(
            String id,
            LocalDate date,
            String title,
            String host,
            Set<String> participantEmails,
            Set<String> speakerNames,
            String text,
            List<Mention> mentions,
            List<String> competitors,
            String brief) {

        boolean covers(Topic topic) {
            return mentions.stream().anyMatch(m -> m.topic() == topic && !m.negated());
        }

        boolean denies(Topic topic) {
            return mentions.stream().anyMatch(m -> m.topic() == topic && m.negated());
        }

        /** The furthest sales step the call reached. */
        String kind() {
            if (covers(Topic.PAPER_PROCESS)) {
                return "paper process";
            }
            if (covers(Topic.PRICING)) {
                return "pricing";
            }
            if (covers(Topic.TECHNICAL_VALIDATION)) {
                return "technical validation";
            }
            return "discovery";
        }
    }

    private static final String CALL_FILTER = """
            from gong_call_f g
            where (g.gong_related_opportunity = ?
                   or (g.gong_primary_account = ? and g.gong_related_opportunity is null and g.gong_call_start_ts >= ?))
              and (g.is_deleted is null or g.is_deleted = false)
              and g.gong_call_start_ts < ?
            """;

    private static List<CallFacts> loadCalls(
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
                    nonNull(r.string("gong_call_brief")),
                    nonNull(r.string("gong_call_key_points")),
                    nonNull(r.string("gong__call_highlights_next_steps")));
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

    private static List<Person> loadContacts(QueryTrace trace, String accountId) {
        Rows rows = trace.query("contacts at the account (to name attendees)", """
                select contact_name, contact_email, contact_title
                from contact_d
                where sf_account_id = ? and (is_deleted is null or is_deleted = false)
                """, accountId);
        List<Person> people = new ArrayList<>();
        for (Row r : rows.all()) {
            people.add(
                    new Person(r.string("contact_name"), lower(r.string("contact_email")), r.string("contact_title")));
        }
        return people;
    }

    private static List<Person> loadEmployees(QueryTrace trace) {
        List<Person> people = new ArrayList<>();
        for (Row r : trace.query(
                        "our people (to name internal attendees)",
                        "select first_name, last_name, user_email from employee_d where user_email is not null")
                .all()) {
            people.add(new Person(
                    ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                    lower(r.string("user_email")),
                    null));
        }
        return people;
    }

    /** A person named in the CRM or on calls. Name or email may be null. */
    record Person(String name, String email, String title) {

        /** Finds the contact whose name appears in a CRM text such as "Dana Whitfield (CFO)". */
        static Person resolve(String crmText, List<Person> contacts, List<CallFacts> calls) {
            if (crmText == null || crmText.isBlank()) {
                return null;
            }
            String lower = crmText.toLowerCase(Locale.ROOT);
            for (Person c : contacts) {
                if (c.name() != null && lower.contains(c.name().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            for (CallFacts call : calls) {
                for (String speaker : call.speakerNames()) {
                    if (!speaker.isBlank() && lower.contains(speaker)) {
                        return new Person(speaker, null, null);
                    }
                }
            }
            return new Person(crmText.trim(), null, null);
        }

        boolean attended(CallFacts call) {
            if (email != null && call.participantEmails().contains(email)) {
                return true;
            }
            return name != null && call.speakerNames().contains(name.toLowerCase(Locale.ROOT));
        }

        boolean executive() {
            if (title == null) {
                return false;
            }
            String t = " " + title.toLowerCase(Locale.ROOT) + " ";
            return EXECUTIVE_TITLES.stream().anyMatch(x -> CallEvidence.firstPhrase(t, List.of(x)) >= 0);
        }
    }

    // --- scorecard ---------------------------------------------------------------------------------------------

    private static Map<Element, ScorecardEntry> scorecard(
            Row o, List<CallFacts> calls, Person eb, Person champion, List<Person> contacts, LocalDate today) {
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
            Person eb, List<CallFacts> calls, List<Person> contacts, List<String> evidence) {
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
        for (Person c : contacts) {
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
            Person champion, List<CallFacts> calls, LocalDate today, List<String> evidence) {
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

    // --- stage and probability -----------------------------------------------------------------------------

    private static Set<Topic> topicsOnCalls(List<CallFacts> calls) {
        Set<Topic> topics = new TreeSet<>();
        for (CallFacts call : calls) {
            for (Topic t : Topic.values()) {
                if (call.covers(t)) {
                    topics.add(t);
                }
            }
        }
        return topics;
    }

    /** Walks the stages up to the CRM stage; the first whose exit criteria are unmet is where the evidence stops. */
    private static Stage evidencedStage(
            Track track, Stage crmStage, Map<Element, ScorecardEntry> card, Set<Topic> topics, List<ExitCheck> out) {
        if (crmStage == null || crmStage.closed()) {
            return crmStage;
        }
        Map<String, ExitCriteria> criteria = SalesProcess.exitCriteria(track);
        Stage evidenced = null;
        for (Stage stage : SalesProcess.stages(track)) {
            if (stage.closed()) {
                break;
            }
            ExitCriteria exit = criteria.get(stage.name());
            List<String> gaps = new ArrayList<>();
            if (exit != null) {
                exit.elements().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(req -> {
                            Status have = card.get(req.getKey()).status();
                            if (!have.atLeast(req.getValue())) {
                                gaps.add(req.getKey().label() + " is " + have + " (needs " + req.getValue() + ")");
                            }
                        });
                for (Topic t : exit.callTopics()) {
                    if (!topics.contains(t)) {
                        gaps.add("no call shows " + t.label());
                    }
                }
            }
            boolean current = stage.name().equals(crmStage.name());
            out.add(new ExitCheck(
                    stage.name(),
                    (current ? "to leave (current stage): " : "to have left: ")
                            + (exit == null ? "no criteria" : exit.summary()),
                    gaps.isEmpty(),
                    gaps));
            if (evidenced == null && !gaps.isEmpty() && !current) {
                evidenced = stage;
            }
            if (current) {
                break;
            }
        }
        return evidenced == null ? crmStage : evidenced;
    }

    private static Probability probability(
            Stage crmStage,
            int crmProbability,
            Stage evidenced,
            double score,
            Map<Element, ScorecardEntry> card,
            List<ExitCheck> exits,
            CallSummary calls,
            List<CallFacts> callFacts) {
        List<String> reasons = new ArrayList<>();
        if (crmStage == null || crmStage.closed() || evidenced == null) {
            reasons.add(
                    crmStage != null && crmStage.closed()
                            ? "the deal is closed"
                            : "unknown stage: CRM probability kept");
            return new Probability(
                    crmProbability, crmProbability, crmStage == null ? null : crmStage.name(), crmProbability, reasons);
        }
        int base = Math.min(evidenced.probability(), crmProbability);
        double factor = 0.5 + 0.5 * score;
        int adjusted = (int) Math.round(base * factor);
        if (!evidenced.name().equals(crmStage.name())) {
            ExitCheck failed = exits.stream()
                    .filter(e -> e.stage().equals(evidenced.name()))
                    .findFirst()
                    .orElseThrow();
            reasons.add(
                    "CRM stage is " + crmStage.name() + " (" + crmProbability + " %), but the evidence only supports "
                            + evidenced.name() + " (" + evidenced.probability() + " %): to leave " + evidenced.name()
                            + " it still needs: " + String.join("; ", failed.gaps()));
        }
        reasons.add(String.format(
                Locale.ROOT,
                "MEDDPICC score %.2f of 1 scales the stage probability by %.2f (0.5 + 0.5 × score)",
                score,
                factor));
        if (!callFacts.isEmpty() && calls.onlyDiscovery()) {
            reasons.add("all " + callFacts.size()
                    + " calls were discovery: no pricing, technical validation or paper process discussed");
        }
        if (calls.economicBuyer() != null && !calls.economicBuyerEverJoined() && !callFacts.isEmpty()) {
            reasons.add("the economic buyer (" + calls.economicBuyer() + ") never attended a call");
        }
        if (callFacts.isEmpty()) {
            reasons.add("no calls recorded: the CRM's MEDDPICC fields are unverified");
        }
        if (card.get(Element.PAPER_PROCESS).status() == Status.MISSING && crmStage.probability() >= 75) {
            reasons.add("no paper process evidenced at " + crmStage.name());
        }
        return new Probability(crmProbability, adjusted, evidenced.name(), evidenced.probability(), reasons);
    }

    // --- summary and findings ------------------------------------------------------------------------------

    private static CallSummary callSummary(
            List<CallFacts> calls, Person eb, Person champion, List<Person> contacts, LocalDate today) {
        Map<String, Person> byEmail = new LinkedHashMap<>();
        for (Person p : contacts) {
            if (p.email() != null) {
                byEmail.put(p.email(), p);
            }
        }
        List<CallLine> recent = new ArrayList<>();
        for (int i = calls.size() - 1; i >= 0 && recent.size() < RECENT_CALLS; i--) {
            CallFacts c = calls.get(i);
            List<String> attendees = new ArrayList<>();
            for (String email : c.participantEmails()) {
                Person p = byEmail.get(email);
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

    // --- small helpers -------------------------------------------------------------------------------------

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

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
