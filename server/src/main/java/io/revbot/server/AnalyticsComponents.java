package io.revbot.server;

import static io.revbot.server.Components.lazy;

import io.revbot.server.config.Config;
import io.revbot.tools.analytics.AnalyticsTools;
import io.revbot.tools.analytics.RevenueAnalytics;
import io.revbot.tools.time.FiscalCalendar;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Builds the revenue analytics (deal review, lead assessment, churn, pipeline, competitors, expansion) over the data
 * section's warehouse, and their tools for the agents. The constructor does no I/O.
 */
final class AnalyticsComponents {
    private final Config config;
    private final Clock clock;
    private final DataComponents data;
    private final Supplier<RevenueAnalytics> analytics = lazy(this::buildAnalytics);
    private final Supplier<AnalyticsTools> analyticsTools = lazy(() -> new AnalyticsTools(analytics()));

    AnalyticsComponents(Config config, Clock clock, DataComponents data) {
        this.config = config;
        this.clock = clock;
        this.data = data;
    }

    RevenueAnalytics analytics() {
        return analytics.get();
    }

    AnalyticsTools analyticsTools() {
        return analyticsTools.get();
    }

    private RevenueAnalytics buildAnalytics() {
        return new RevenueAnalytics(
                data.warehouse(),
                clock,
                new FiscalCalendar(config.limits().fiscalYearStartMonth()),
                config.analytics().quarterlyTarget().orElse(null),
                data.webSearch());
    }
}
