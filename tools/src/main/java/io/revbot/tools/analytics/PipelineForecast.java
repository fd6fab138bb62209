package io.revbot.tools.analytics;

import io.revbot.tools.analytics.SalesProcess.ForecastCategory;
import java.time.LocalDate;
import java.util.List;

/**
 * Pipeline and forecast for a quarter: open and weighted pipeline (amount × CRM probability), forecast categories,
 * closed-won to date, coverage and gap against the configured target, slipping deals, an optional breakdown, and
 * the quarter compared with the previous one by daily rate (an incomplete quarter is never compared by totals).
 */
public record PipelineForecast(
        LocalDate asOf,
        String quarter,
        LocalDate start,
        LocalDate end,
        long daysElapsed,
        long daysInQuarter,
        Totals totals,
        List<CategoryTotal> categories,
        String groupedBy,
        List<GroupTotal> groups,
        Target target,
        List<SlippingDeal> slipping,
        PeriodComparison comparison,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public PipelineForecast {
        categories = List.copyOf(categories);
        groups = List.copyOf(groups);
        slipping = List.copyOf(slipping);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    /** Open = not closed with a close date in the quarter; closed-won to date = won in the quarter up to as-of. */
    public record Totals(
            int openDeals,
            double openAmount,
            double weightedAmount,
            int wonDeals,
            double closedWonToDate,
            int lostDeals,
            double closedLost) {}

    public record CategoryTotal(ForecastCategory category, int deals, double amount, double weighted) {}

    public record GroupTotal(String key, int openDeals, double openAmount, double weightedAmount, double closedWon) {}

    /**
     * Against the configured quarterly target: remaining = target − closed-won; coverage = open ÷ remaining;
     * projected = closed-won + weighted; projected gap = target − projected (negative = ahead).
     */
    public record Target(
            double target,
            double closedWon,
            double remaining,
            Double coverage,
            double projected,
            double projectedGap) {}

    /** An open deal whose close date passed, or that sits in its stage longer than the stage's median. */
    public record SlippingDeal(
            String opportunityId,
            String name,
            String account,
            String owner,
            String stage,
            double amount,
            LocalDate closeDate,
            Long daysInStage,
            Long stageMedianDays,
            List<String> reasons) {
        public SlippingDeal {
            reasons = List.copyOf(reasons);
        }
    }

    /** This quarter (so far) and the previous one, each as total, days and per-day rate. */
    public record PeriodComparison(
            String current,
            long currentDays,
            double currentClosedWon,
            double currentWonPerDay,
            double currentCreatedPipeline,
            double currentCreatedPerDay,
            String previous,
            long previousDays,
            double previousClosedWon,
            double previousWonPerDay,
            double previousCreatedPipeline,
            double previousCreatedPerDay,
            Double wonPerDayChangePercent,
            Double createdPerDayChangePercent) {}
}
