package io.revbot.tools.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumption health and lifecycle thresholds of {@code knowledge_base/business_logic/consumption_health.md} and
 * {@code customer_classification.md}: usage trend from trailing 30 vs 90 days, anomaly flags, PLG conversion and
 * commit expansion signals, PLG spending velocity tiers.
 */
public final class ConsumptionRules {
    private ConsumptionRules() {}

    public static final int RECENT_DAYS = 30;
    public static final int BASELINE_DAYS = 90;
    /** Declining when 30-day × 3 is below 90-day × this. */
    public static final double DECLINE_FACTOR = 0.7;
    /** Growing when 30-day × 3 is above 90-day × this. */
    public static final double GROWTH_FACTOR = 1.3;
    /** Major decline (a usage cliff: a 70 %+ drop) when 30-day × 3 is below 90-day × this. */
    public static final double MAJOR_DECLINE_FACTOR = 0.3;
    /** Inactive after this many days without usage. */
    public static final int INACTIVE_DAYS = 14;
    /** Spike when the last 7 days' daily rate exceeds the 90-day daily rate × this. */
    public static final int SPIKE_DAYS = 7;

    public static final double SPIKE_FACTOR = 3.0;

    /** PLG conversion: billing of at least this much per month … */
    public static final double PLG_CONVERSION_MONTHLY_USD = 2_000;
    /** … for at least this many consecutive most recent complete months … */
    public static final int PLG_CONVERSION_MONTHS = 2;
    /** … and at least this many active days … */
    public static final int PLG_CONVERSION_ACTIVE_DAYS = 90;
    /** … within this many days. */
    public static final int PLG_CONVERSION_WINDOW_DAYS = 120;
    /** Commit expansion: consumption above this ratio of the contracted rate. */
    public static final double EXPANSION_CONTRACT_RATIO = 1.2;

    /** PLG spending velocity tiers by monthly billing (lower bound inclusive). */
    public enum VelocityTier {
        EXPLORING("Exploring", 0),
        RAMPING("Ramping", 500),
        CONVERSION_READY("Conversion-ready", 2_000);

        private final String label;
        private final double minimumMonthlyUsd;

        VelocityTier(String label, double minimumMonthlyUsd) {
            this.label = label;
            this.minimumMonthlyUsd = minimumMonthlyUsd;
        }

        public String label() {
            return label;
        }

        public double minimumMonthlyUsd() {
            return minimumMonthlyUsd;
        }

        public static VelocityTier of(double monthlyUsd) {
            VelocityTier tier = EXPLORING;
            for (VelocityTier t : values()) {
                if (monthlyUsd >= t.minimumMonthlyUsd) {
                    tier = t;
                }
            }
            return tier;
        }
    }

    public enum Trend {
        GROWING,
        STABLE,
        DECLINING,
        INACTIVE,
        NO_USAGE
    }

    public enum Anomaly {
        COMPLETE_STOP,
        MAJOR_DECLINE,
        SPIKE
    }

    /**
     * Usage sums over trailing windows ending on {@code through}, the last day the warehouse has consumption for
     * (inclusive; warehouses load a day or more behind), and the last day this account had usage.
     */
    public record UsageWindow(double last7, double last30, double last90, LocalDate lastActive, LocalDate through) {

        /** Days from the last active day to the last loaded day: 0 = active on the last loaded day. */
        public Long daysSilent() {
            return lastActive == null ? null : java.time.temporal.ChronoUnit.DAYS.between(lastActive, through);
        }

        /** 30-day × 3 / 90-day; 1 = steady. NaN without 90-day usage. */
        public double runRateRatio() {
            return last90 <= 0 ? Double.NaN : last30 * 3 / last90;
        }
    }

    public static Trend trend(UsageWindow u) {
        if (u.lastActive() == null) {
            return Trend.NO_USAGE;
        }
        if (u.daysSilent() >= INACTIVE_DAYS) {
            return Trend.INACTIVE;
        }
        if (u.last90() <= 0) {
            return Trend.NO_USAGE;
        }
        if (u.last30() * 3 < u.last90() * DECLINE_FACTOR) {
            return Trend.DECLINING;
        }
        if (u.last30() * 3 > u.last90() * GROWTH_FACTOR) {
            return Trend.GROWING;
        }
        return Trend.STABLE;
    }

    public static List<Anomaly> anomalies(UsageWindow u) {
        List<Anomaly> flags = new ArrayList<>();
        if (u.lastActive() != null && u.daysSilent() >= INACTIVE_DAYS && u.last90() > 0) {
            flags.add(Anomaly.COMPLETE_STOP);
        }
        if (u.last90() > 0 && u.last30() * 3 < u.last90() * MAJOR_DECLINE_FACTOR) {
            flags.add(Anomaly.MAJOR_DECLINE);
        }
        if (u.last90() > 0 && u.last7() / SPIKE_DAYS > (u.last90() / BASELINE_DAYS) * SPIKE_FACTOR) {
            flags.add(Anomaly.SPIKE);
        }
        return flags;
    }
}
