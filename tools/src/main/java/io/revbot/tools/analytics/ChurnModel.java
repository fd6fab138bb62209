package io.revbot.tools.analytics;

import io.revbot.tools.analytics.ConsumptionRules.Anomaly;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The churn-risk model of {@code knowledge_base/business_logic/churn_risk.md}: a 0–100 score (higher = riskier) as
 * the weighted sum of component risks, weights per customer type, and the step tables that turn facts into
 * component risks.
 */
public final class ChurnModel {
    private ChurnModel() {}

    public enum CustomerType {
        COMMIT("Commit Customer"),
        PLG("PLG Customer");

        private final String crmValue;

        CustomerType(String crmValue) {
            this.crmValue = crmValue;
        }

        /** The value of {@code salesforce_account_d.sf_account_type_custom}. */
        public String crmValue() {
            return crmValue;
        }

        static CustomerType ofCrm(String value) {
            for (CustomerType t : values()) {
                if (t.crmValue.equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return t;
                }
            }
            return null;
        }
    }

    public enum Component {
        USAGE("Usage"),
        ENGAGEMENT("Engagement"),
        BUSINESS("Business"),
        CONTRACT("Contract"),
        USAGE_TRAJECTORY("Usage trajectory"),
        IMPLEMENTATION("Implementation"),
        TEAM("Team");

        private final String label;

        Component(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Weights in percent per customer type; each type's weights sum to 100. */
    public static final Map<CustomerType, Map<Component, Integer>> WEIGHTS = weights();

    private static Map<CustomerType, Map<Component, Integer>> weights() {
        Map<Component, Integer> commit = new EnumMap<>(Component.class);
        commit.put(Component.USAGE, 40);
        commit.put(Component.ENGAGEMENT, 25);
        commit.put(Component.BUSINESS, 25);
        commit.put(Component.CONTRACT, 10);
        Map<Component, Integer> plg = new EnumMap<>(Component.class);
        plg.put(Component.USAGE_TRAJECTORY, 50);
        plg.put(Component.IMPLEMENTATION, 30);
        plg.put(Component.TEAM, 20);
        Map<CustomerType, Map<Component, Integer>> all = new EnumMap<>(CustomerType.class);
        all.put(CustomerType.COMMIT, Map.copyOf(commit));
        all.put(CustomerType.PLG, Map.copyOf(plg));
        return Map.copyOf(all);
    }

    /** Risk bands by score, inclusive upper bounds. */
    public enum Band {
        LOW(25),
        MEDIUM(50),
        HIGH(75),
        CRITICAL(100);

        private final int upTo;

        Band(int upTo) {
            this.upTo = upTo;
        }

        public int upTo() {
            return upTo;
        }

        public static Band of(int score) {
            if (score < 0 || score > 100) {
                throw new IllegalArgumentException("score must be 0-100, was " + score);
            }
            for (Band b : values()) {
                if (score <= b.upTo) {
                    return b;
                }
            }
            return CRITICAL;
        }
    }

    /** Usage (and PLG usage-trajectory) risk by trend; a major decline (cliff) scores {@link #MAJOR_DECLINE_RISK}. */
    public static final Map<Trend, Integer> USAGE_RISK = Map.of(
            Trend.GROWING, 0,
            Trend.STABLE, 20,
            Trend.DECLINING, 60,
            Trend.INACTIVE, 100,
            Trend.NO_USAGE, 100);

    public static final int MAJOR_DECLINE_RISK = 100;

    static int usageRisk(Trend trend, List<Anomaly> anomalies) {
        int risk = USAGE_RISK.get(trend);
        if (anomalies.contains(Anomaly.MAJOR_DECLINE)) {
            risk = Math.max(risk, MAJOR_DECLINE_RISK);
        }
        return risk;
    }

    /**
     * A step table: the first row whose bound the value meets gives the risk; {@code otherwise} when none does.
     * {@code atMost} rows match values ≤ bound (ascending bounds); otherwise values ≥ bound (descending bounds).
     */
    public record Steps(boolean atMost, List<Double> bounds, List<Integer> risks, int otherwise) {
        public Steps {
            bounds = List.copyOf(bounds);
            risks = List.copyOf(risks);
            if (bounds.size() != risks.size()) {
                throw new IllegalArgumentException("bounds and risks differ in length");
            }
        }

        public int risk(double value) {
            for (int i = 0; i < bounds.size(); i++) {
                if (atMost ? value <= bounds.get(i) : value >= bounds.get(i)) {
                    return risks.get(i);
                }
            }
            return otherwise;
        }
    }

    /** Engagement: days since the last call with the account (no call at all = the last row). */
    public static final Steps ENGAGEMENT_DAYS_SINCE_CALL =
            new Steps(true, List.of(30.0, 60.0, 90.0), List.of(0, 40, 70), 100);
    /** Business: consumption over the last 30 days ÷ what the active agreement contracts for 30 days. */
    public static final Steps BUSINESS_UTILISATION = new Steps(false, List.of(0.8, 0.6, 0.4), List.of(0, 40, 70), 100);
    /** Business: added when a competitor was named on a call in the last 90 days (capped at 100). */
    public static final int COMPETITOR_MENTION_RISK = 20;
    /** Contract: days until the active agreement ends. No active agreement scores {@link #NO_AGREEMENT_RISK}. */
    public static final Steps CONTRACT_DAYS_TO_RENEWAL = new Steps(true, List.of(90.0, 180.0), List.of(70, 30), 0);

    public static final int NO_AGREEMENT_RISK = 100;
    /** PLG implementation: active usage days in the last 30. */
    public static final Steps IMPLEMENTATION_ACTIVE_DAYS =
            new Steps(false, List.of(20.0, 10.0, 1.0), List.of(0, 40, 70), 100);
    /** PLG team: active contacts at the account. */
    public static final Steps TEAM_CONTACTS = new Steps(false, List.of(3.0, 2.0, 1.0), List.of(0, 40, 70), 100);

    /** Renewal phase by days to the agreement's end. */
    public static String renewalPhase(Long daysToEnd) {
        if (daysToEnd == null) {
            return "no active agreement";
        }
        if (daysToEnd < 0) {
            return "agreement ended";
        }
        if (daysToEnd <= 90) {
            return "renewal window (≤ 90 days)";
        }
        if (daysToEnd <= 180) {
            return "renewal preparation (91–180 days)";
        }
        return "mid-term (> 180 days)";
    }
}
