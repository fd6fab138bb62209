package io.revbot.tools.analytics;

import io.revbot.tools.time.FiscalCalendar;
import io.revbot.tools.warehouse.Warehouse;
import io.revbot.tools.websearch.WebSearch;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The analyses over one warehouse, clock and fiscal calendar: what the CLI commands and {@link AnalyticsTools}
 * use. Holds no state beyond its collaborators; constructing it does no I/O.
 */
public final class RevenueAnalytics {
    private final DealReviewer deals;
    private final LeadAssessor leads;
    private final ChurnScorer churn;
    private final PipelineForecaster pipeline;
    private final CompetitorIntelligence competitors;
    private final ExpansionFinder expansion;
    private final Clock clock;

    /** {@code quarterlyTarget}: bookings target per quarter in USD, or null when none is configured. */
    public RevenueAnalytics(Warehouse warehouse, Clock clock, FiscalCalendar calendar, Double quarterlyTarget) {
        this(warehouse, clock, calendar, quarterlyTarget, Optional.empty());
    }

    /** {@code webSearch}: what lead assessment looks prospects up with, when a provider is configured. */
    public RevenueAnalytics(
            Warehouse warehouse,
            Clock clock,
            FiscalCalendar calendar,
            Double quarterlyTarget,
            Optional<WebSearch> webSearch) {
        Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deals = new DealReviewer(warehouse, clock);
        this.leads = new LeadAssessor(warehouse, clock, webSearch);
        this.churn = new ChurnScorer(warehouse, clock);
        this.pipeline = new PipelineForecaster(warehouse, clock, calendar, quarterlyTarget);
        this.competitors = new CompetitorIntelligence(warehouse, clock);
        this.expansion = new ExpansionFinder(warehouse, clock);
    }

    public DealReviewer deals() {
        return deals;
    }

    public LeadAssessor leads() {
        return leads;
    }

    public ChurnScorer churn() {
        return churn;
    }

    public PipelineForecaster pipeline() {
        return pipeline;
    }

    public CompetitorIntelligence competitors() {
        return competitors;
    }

    public ExpansionFinder expansion() {
        return expansion;
    }

    public Clock clock() {
        return clock;
    }
}
