package io.revbot.tools.analytics;

import io.revbot.tools.analytics.ChurnModel.Band;
import io.revbot.tools.analytics.ChurnModel.Component;
import io.revbot.tools.analytics.ChurnModel.CustomerType;
import io.revbot.tools.analytics.ConsumptionRules.Anomaly;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import java.time.LocalDate;
import java.util.List;

/** Churn risk per customer, riskiest first, with the components and signals behind each score. */
public record ChurnReport(
        LocalDate asOf,
        int customersScored,
        List<AccountRisk> accounts,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public ChurnReport {
        accounts = List.copyOf(accounts);
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
    public record ComponentScore(Component component, int weightPercent, int risk, double contribution, String basis) {}

    /** Usage in USD over trailing windows ending on the as-of date; ratio = 30-day × 3 ÷ 90-day. */
    public record Usage(
            Trend trend,
            double last30Usd,
            double last90Usd,
            Double runRateRatio,
            LocalDate lastActiveDate,
            int activeDaysLast30) {}
}
