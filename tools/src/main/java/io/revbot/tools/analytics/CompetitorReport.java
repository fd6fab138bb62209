package io.revbot.tools.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Competitor mentions across calls since a date: counts by competitor, account, deal stage and month, and quotes
 * with the call and date they came from. A call counts once per competitor however often it is named.
 */
public record CompetitorReport(
        LocalDate asOf,
        LocalDate since,
        String account,
        int callsNamingCompetitors,
        List<CompetitorCount> competitors,
        List<Breakdown> byAccount,
        List<Breakdown> byStage,
        List<Breakdown> byMonth,
        List<Quote> quotes,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public CompetitorReport {
        competitors = List.copyOf(competitors);
        byAccount = List.copyOf(byAccount);
        byStage = List.copyOf(byStage);
        byMonth = List.copyOf(byMonth);
        quotes = List.copyOf(quotes);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    public record CompetitorCount(String competitor, int calls, int accounts, LocalDate lastMentioned) {}

    /** Calls naming each competitor, for one account, deal stage or month ({@code yyyy-MM}). */
    public record Breakdown(String key, int calls, Map<String, Integer> byCompetitor) {
        public Breakdown {
            byCompetitor = Map.copyOf(byCompetitor);
        }
    }

    /** What was said: from the transcript when there is one, else from the call's summary. */
    public record Quote(
            String competitor,
            String callId,
            String callTitle,
            LocalDate date,
            String account,
            String speaker,
            String text) {}
}
