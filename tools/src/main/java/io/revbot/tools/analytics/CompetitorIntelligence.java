package io.revbot.tools.analytics;

import io.revbot.tools.UpstreamException;
import io.revbot.tools.analytics.CompetitorReport.Breakdown;
import io.revbot.tools.analytics.CompetitorReport.CompetitorCount;
import io.revbot.tools.analytics.CompetitorReport.Quote;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Counts and quotes competitor mentions across calls ({@link CallEvidence#COMPETITORS}). */
public final class CompetitorIntelligence {
    /** Default look-back when no date is given. */
    public static final int DEFAULT_DAYS = 180;
    /** Quotes kept per competitor. */
    static final int QUOTES_PER_COMPETITOR = 3;

    private final Warehouse warehouse;
    private final Clock clock;

    public CompetitorIntelligence(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code account}: name fragment or id, or null for all; {@code since}: null for the last 180 days. */
    public Outcome<CompetitorReport> mentions(String account, LocalDate since) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = since == null ? today.minusDays(DEFAULT_DAYS) : since;
        QueryTrace trace = new QueryTrace(warehouse);
        String accountId = null;
        String accountName = null;
        if (account != null && !account.isBlank()) {
            String q = account.trim();
            List<Row> matches = trace.query("find the account", """
                            select sf_account_id, sf_account_name, sf_account_type_custom
                            from salesforce_account_d
                            where sf_account_id = ? or lower(sf_account_name) like ?
                            order by sf_account_name
                            """, q, "%" + q.toLowerCase(Locale.ROOT) + "%")
                    .all();
            List<Row> exact = matches.stream()
                    .filter(r -> q.equals(r.string("sf_account_id")) || q.equalsIgnoreCase(r.string("sf_account_name")))
                    .toList();
            List<Row> chosen = exact.size() == 1 ? exact : matches;
            if (chosen.isEmpty()) {
                return new Outcome.NotFound<>(q, "no account matches '" + q + "'");
            }
            if (chosen.size() > 1) {
                return new Outcome.Ambiguous<>(
                        q,
                        chosen.stream()
                                .limit(20)
                                .map(r -> new Outcome.Candidate(
                                        r.string("sf_account_id"),
                                        r.string("sf_account_name"),
                                        r.string("sf_account_type_custom") == null
                                                ? "prospect"
                                                : r.string("sf_account_type_custom")))
                                .toList());
            }
            accountId = chosen.getFirst().string("sf_account_id");
            accountName = chosen.getFirst().string("sf_account_name");
        }

        List<String> phrases = CallEvidence.COMPETITORS.values().stream()
                .flatMap(List::stream)
                .sorted()
                .toList();
        String summaryText =
                "lower(coalesce(g.gong_call_brief, '') || ' ' || coalesce(g.gong_call_key_points, '') || ' '"
                        + " || coalesce(g.gong__call_highlights_next_steps, ''))";
        String anyCompetitor = String.join(
                " or ", phrases.stream().map(p -> summaryText + " like ?").toList());
        List<Object> params = new ArrayList<>();
        params.add(from.atStartOfDay());
        params.add(today.plusDays(1).atStartOfDay());
        params.add(accountId == null ? "" : accountId);
        params.add(accountId == null);
        String joins = """
                left join salesforce_account_d a on a.sf_account_id = g.gong_primary_account
                left join opportunity_d o on o.opportunity_id = g.gong_related_opportunity
                """;
        String where = """
                where g.gong_call_start_ts >= ? and g.gong_call_start_ts < ?
                  and (g.is_deleted is null or g.is_deleted = false)
                  and (g.gong_primary_account = ? or ?)
                """;
        String filter = "from gong_call_f g " + joins + where;
        Map<String, CallRow> calls = new LinkedHashMap<>();
        List<Object> summaryParams = new ArrayList<>(params);
        phrases.forEach(p -> summaryParams.add("%" + p + "%"));
        for (Row r : trace.query(
                        "calls whose brief, key points or next steps name a competitor",
                        "select g.gong_call_id, g.gong_title, g.gong_call_name, g.gong_call_start_ts, g.gong_call_brief,"
                                + " g.gong_call_key_points, g.gong__call_highlights_next_steps, a.sf_account_name,"
                                + " o.stage_name " + filter + " and (" + anyCompetitor + ")"
                                + " order by g.gong_call_start_ts",
                        summaryParams.toArray())
                .all()) {
            CallRow call = CallRow.of(r);
            String text = String.join(
                    "\n",
                    Objects.toString(r.string("gong_call_brief"), ""),
                    Objects.toString(r.string("gong_call_key_points"), ""),
                    Objects.toString(r.string("gong__call_highlights_next_steps"), ""));
            for (String c : CallEvidence.competitorsNamed(text)) {
                call.competitors.add(c);
                call.summaryQuote.putIfAbsent(c, clauseNaming(text, c));
            }
            calls.put(call.id, call);
        }
        List<String> notes = new ArrayList<>();
        Map<String, List<Quote>> transcriptQuotes = new HashMap<>();
        try {
            List<Object> transcriptParams = new ArrayList<>(params);
            phrases.forEach(p -> transcriptParams.add("%" + p + "%"));
            String anyInText = String.join(
                    " or ", phrases.stream().map(p -> "lower(t.text) like ?").toList());
            for (Row r : trace.query(
                            "transcript lines naming a competitor",
                            "select t.gong_call_id, t.speaker, t.text, g.gong_title, g.gong_call_name,"
                                    + " g.gong_call_start_ts, a.sf_account_name, o.stage_name"
                                    + " from transcript t join gong_call_f g on g.gong_call_id = t.gong_call_id "
                                    + joins + where + " and (" + anyInText + ")"
                                    + " order by g.gong_call_start_ts, t.start_second",
                            transcriptParams.toArray())
                    .all()) {
                CallRow call = calls.computeIfAbsent(r.string("gong_call_id"), k -> CallRow.of(r));
                for (String c : CallEvidence.competitorsNamed(r.string("text"))) {
                    call.competitors.add(c);
                    transcriptQuotes
                            .computeIfAbsent(c, k -> new ArrayList<>())
                            .add(new Quote(
                                    c,
                                    call.id,
                                    call.title,
                                    call.date,
                                    call.account,
                                    r.string("speaker"),
                                    ReportFormat.abbreviate(r.string("text"), 300)));
                }
            }
        } catch (UpstreamException e) {
            notes.add("transcripts unavailable (" + e.getMessage() + "); quotes come from call summaries");
        }

        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Set<String>> accountsPer = new HashMap<>();
        Map<String, LocalDate> last = new HashMap<>();
        Map<String, Map<String, Integer>> byAccount = new TreeMap<>();
        Map<String, Map<String, Integer>> byStage = new TreeMap<>();
        Map<String, Map<String, Integer>> byMonth = new TreeMap<>();
        int naming = 0;
        for (CallRow call : calls.values()) {
            if (call.competitors.isEmpty()) {
                continue;
            }
            naming++;
            for (String c : call.competitors) {
                counts.computeIfAbsent(c, k -> new int[1])[0]++;
                accountsPer.computeIfAbsent(c, k -> new HashSet<>()).add(String.valueOf(call.account));
                if (call.date != null && (last.get(c) == null || call.date.isAfter(last.get(c)))) {
                    last.put(c, call.date);
                }
                byAccount
                        .computeIfAbsent(call.account == null ? "(no account)" : call.account, k -> new TreeMap<>())
                        .merge(c, 1, Integer::sum);
                byStage.computeIfAbsent(call.stage == null ? "(no deal)" : call.stage, k -> new TreeMap<>())
                        .merge(c, 1, Integer::sum);
                if (call.date != null) {
                    byMonth.computeIfAbsent(call.date.toString().substring(0, 7), k -> new TreeMap<>())
                            .merge(c, 1, Integer::sum);
                }
            }
        }
        List<CompetitorCount> competitorCounts = new ArrayList<>();
        counts.forEach((c, n) -> competitorCounts.add(
                new CompetitorCount(c, n[0], accountsPer.get(c).size(), last.get(c))));
        competitorCounts.sort(
                Comparator.comparingInt(CompetitorCount::calls).reversed().thenComparing(CompetitorCount::competitor));

        List<Quote> quotes = new ArrayList<>();
        for (CompetitorCount cc : competitorCounts) {
            List<Quote> fromTranscripts = transcriptQuotes.getOrDefault(cc.competitor(), List.of());
            List<Quote> chosen = new ArrayList<>();
            for (int i = fromTranscripts.size() - 1; i >= 0 && chosen.size() < QUOTES_PER_COMPETITOR; i--) {
                chosen.add(fromTranscripts.get(i));
            }
            if (chosen.isEmpty()) {
                List<CallRow> naming2 = calls.values().stream()
                        .filter(c -> c.summaryQuote.containsKey(cc.competitor()))
                        .toList();
                for (int i = naming2.size() - 1; i >= 0 && chosen.size() < QUOTES_PER_COMPETITOR; i--) {
                    CallRow c = naming2.get(i);
                    chosen.add(new Quote(
                            cc.competitor(),
                            c.id,
                            c.title,
                            c.date,
                            c.account,
                            "(call summary)",
                            c.summaryQuote.get(cc.competitor())));
                }
            }
            quotes.addAll(chosen);
        }
        if (naming == 0) {
            notes.add("no competitor named on calls since " + from);
        }
        return new Outcome.Found<>(new CompetitorReport(
                today,
                from,
                accountName,
                naming,
                competitorCounts,
                breakdowns(byAccount, true),
                breakdowns(byStage, true),
                breakdowns(byMonth, false),
                quotes,
                notes,
                trace.executed()));
    }

    private static List<Breakdown> breakdowns(Map<String, Map<String, Integer>> map, boolean sortByCount) {
        List<Breakdown> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(
                new Breakdown(k, v.values().stream().mapToInt(Integer::intValue).sum(), v)));
        if (sortByCount) {
            out.sort(Comparator.comparingInt(Breakdown::calls).reversed().thenComparing(Breakdown::key));
        }
        return out;
    }

    private static String clauseNaming(String text, String competitor) {
        List<String> phrases = CallEvidence.COMPETITORS.get(competitor);
        for (String clause : text.split("(?<=[.!?])\\s+|\\n")) {
            String lower = " " + clause.toLowerCase(Locale.ROOT) + " ";
            if (CallEvidence.firstPhrase(lower, phrases) >= 0) {
                return ReportFormat.abbreviate(clause, 300);
            }
        }
        return ReportFormat.abbreviate(text, 300);
    }

    /** A call that named competitors, and where it sits. */
    private static final class CallRow {
        final String id;
        final String title;
        final LocalDate date;
        final String account;
        final String stage;
        final Set<String> competitors = new java.util.TreeSet<>();
        final Map<String, String> summaryQuote = new HashMap<>();

        private CallRow(String id, String title, LocalDate date, String account, String stage) {
            this.id = id;
            this.title = title;
            this.date = date;
            this.account = account;
            this.stage = stage;
        }

        static CallRow of(Row r) {
            LocalDateTime start = r.timestamp("gong_call_start_ts");
            return new CallRow(
                    r.string("gong_call_id"),
                    r.string("gong_title") != null ? r.string("gong_title") : r.string("gong_call_name"),
                    start == null ? null : start.toLocalDate(),
                    r.string("sf_account_name"),
                    r.string("stage_name"));
        }
    }
}
