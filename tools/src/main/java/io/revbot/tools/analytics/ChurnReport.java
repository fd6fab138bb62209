package io.revbot.tools.analytics;

import io.revbot.tools.analytics.ChurnModel.Band;
import io.revbot.tools.analytics.ChurnModel.Component;
import io.revbot.tools.analytics.ChurnModel.CustomerType;
import io.revbot.tools.analytics.ConsumptionRules.Anomaly;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import java.time.LocalDate;
import java.util.List;

/**
 * Churn risk per customer with the components and signals behind each score, riskiest first within each customer
 * type. Commit and PLG scores use different weights, so each type is ranked on its own.
 */
public record ChurnReport(
        LocalDate asOf,
        LocalDate usageThrough,
        int customersScored,
        List<AccountRisk> commitCustomers,
        List<AccountRisk> plgCustomers,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public ChurnReport {
        commitCustomers = List.copyOf(commitCustomers);
        plgCustomers = List.copyOf(plgCustomers);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    /** One customer's risk: score 0–100 (higher = riskier), band, components, usage trend, anomalies, signals. */
    public record AccountRisk(
            String accountId,
            String accountName,
            CustomerType type,
            String owner,
            int score,
            Band band,
            List<ComponentScore> components,
            Usage usage,
            List<Anomaly> anomalies,
            String renewalPhase,
            LocalDate agreementEnd,
            List<String> signals) {
        public AccountRisk {
            components = List.copyOf(components);
            anomalies = List.copyOf(anomalies);
            signals = List.copyOf(signals);
        }
    }

    /** A component's risk 0–100, its weight in percent, its contribution to the score, and what it was based on. */
    /** Both types, riskiest first (commit before PLG on equal scores). */
    public List<AccountRisk> all() {
        List<AccountRisk> all = new java.util.ArrayList<>(commitCustomers);
        all.addAll(plgCustomers);
        all.sort(java.util.Comparator.comparingInt(AccountRisk::score).reversed());
        return all;
    }

    public record ComponentScore(Component component, int weightPercent, int risk, double contribution, String basis) {}

    /** Usage in USD over trailing windows ending on the last loaded day; ratio = 30-day × 3 ÷ 90-day. */
    public record Usage(
            Trend trend,
            double last30Usd,
            double last90Usd,
            Double runRateRatio,
            LocalDate lastActiveDate,
            int activeDaysLast30) {}
}
