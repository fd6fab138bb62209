package io.revbot.tools.analytics;

import io.revbot.tools.analytics.ConsumptionRules.VelocityTier;
import java.time.LocalDate;
import java.util.List;

/**
 * Accounts ready for a bigger commitment: PLG customers meeting the conversion signals, and commit customers
 * consuming above their contracted rate.
 */
public record ExpansionReport(
        LocalDate asOf,
        List<ConversionCandidate> plgConversion,
        List<ExpansionCandidate> commitExpansion,
        List<String> notes,
        List<ExecutedQuery> queries) {

    public ExpansionReport {
        plgConversion = List.copyOf(plgConversion);
        commitExpansion = List.copyOf(commitExpansion);
        notes = List.copyOf(notes);
        queries = List.copyOf(queries);
    }

    /** A PLG customer billing $2K+/month for the last complete months with 90+ active days in 120. */
    public record ConversionCandidate(
            String accountId,
            String accountName,
            String owner,
            List<MonthlyBilling> recentMonths,
            int activeDays,
            int activeDaysWindow,
            VelocityTier tier) {
        public ConversionCandidate {
            recentMonths = List.copyOf(recentMonths);
        }
    }

    public record MonthlyBilling(LocalDate month, double amountUsd) {}

    /** A commit customer whose 90-day consumption runs above 120 % of its contracted rate. */
    public record ExpansionCandidate(
            String accountId,
            String accountName,
            String owner,
            double contractedPer90DaysUsd,
            double consumedLast90DaysUsd,
            double ratio,
            LocalDate agreementEnd) {}
}
