package io.revbot.tools.analytics;

import io.revbot.tools.analytics.ChurnModel.CustomerType;
import io.revbot.tools.analytics.ConsumptionRules.VelocityTier;
import io.revbot.tools.analytics.ExpansionReport.ConversionCandidate;
import io.revbot.tools.analytics.ExpansionReport.ExpansionCandidate;
import io.revbot.tools.analytics.ExpansionReport.MonthlyBilling;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Finds PLG conversion candidates and commit expansion candidates with {@link ConsumptionRules}. */
public final class ExpansionFinder {
    private final Warehouse warehouse;
    private final Clock clock;

    public ExpansionFinder(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ExpansionReport find() {
        LocalDate today = LocalDate.now(clock);
        QueryTrace trace = new QueryTrace(warehouse);
        LocalDate thisMonth = today.withDayOfMonth(1);
        LocalDate firstMonth = thisMonth.minusMonths(ConsumptionRules.PLG_CONVERSION_MONTHS);

        Map<String, Row> plgAccounts = new LinkedHashMap<>();
        Map<String, TreeMap<LocalDate, Double>> billing = new HashMap<>();
        for (Row r : trace.query(
                        "PLG billing in the last complete months",
                        """
                        select a.sf_account_id, a.sf_account_name, e.first_name, e.last_name,
                               b.mrr_report_date_ts, b.amount
                        from salesforce_account_d a
                        join billing_event_f b on b.organization_id = a.organization_id
                        left join employee_d e on e.sf_user_id = a.sf_owner_id
                        where a.sf_account_type_custom = ? and b.mrr_report_date_ts >= ? and b.mrr_report_date_ts < ?
                        order by a.sf_account_name, b.mrr_report_date_ts
                        """,
                        CustomerType.PLG.crmValue(),
                        firstMonth.atStartOfDay(),
                        thisMonth.atStartOfDay())
                .all()) {
            String id = r.string("sf_account_id");
            plgAccounts.putIfAbsent(id, r);
            LocalDate month = r.date("mrr_report_date_ts").withDayOfMonth(1);
            billing.computeIfAbsent(id, k -> new TreeMap<>()).merge(month, r.decimal("amount", 0), Double::sum);
        }
        Map<String, Long> activeDays = new HashMap<>();
        LocalDate through = ChurnScorer.lastLoadedDay(trace, today);
        LocalDate windowStart = through.minusDays(ConsumptionRules.PLG_CONVERSION_WINDOW_DAYS - 1);
        for (Row r : trace.query(
                        "active consumption days of PLG customers in the window",
                        """
                        select c.sf_account_id, count(distinct c.consumption_date) as active_days
                        from consumption_daily_d c
                        join salesforce_account_d a on a.sf_account_id = c.sf_account_id
                        where a.sf_account_type_custom = ? and c.consumption_date >= ? and c.consumption_date <= ?
                          and (c.total_cost_usd > 0 or c.query_count > 0)
                        group by c.sf_account_id
                        """,
                        CustomerType.PLG.crmValue(),
                        windowStart,
                        through)
                .all()) {
            activeDays.put(r.string("sf_account_id"), r.integer("active_days", 0));
        }
        List<ConversionCandidate> conversions = new ArrayList<>();
        for (var e : plgAccounts.entrySet()) {
            TreeMap<LocalDate, Double> months = billing.get(e.getKey());
            List<MonthlyBilling> recent = new ArrayList<>();
            boolean allAbove = true;
            for (int i = ConsumptionRules.PLG_CONVERSION_MONTHS; i >= 1; i--) {
                LocalDate m = thisMonth.minusMonths(i);
                double amount = months.getOrDefault(m, 0.0);
                recent.add(new MonthlyBilling(m, ReportFormat.round2(amount)));
                allAbove &= amount >= ConsumptionRules.PLG_CONVERSION_MONTHLY_USD;
            }
            long days = activeDays.getOrDefault(e.getKey(), 0L);
            if (allAbove && days >= ConsumptionRules.PLG_CONVERSION_ACTIVE_DAYS) {
                Row r = e.getValue();
                conversions.add(new ConversionCandidate(
                        e.getKey(),
                        r.string("sf_account_name"),
                        ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                        recent,
                        (int) days,
                        ConsumptionRules.PLG_CONVERSION_WINDOW_DAYS,
                        VelocityTier.of(recent.getLast().amountUsd())));
            }
        }
        conversions.sort(Comparator.comparingDouble(
                        (ConversionCandidate c) -> c.recentMonths().getLast().amountUsd())
                .reversed());

        List<ExpansionCandidate> expansions = new ArrayList<>();
        for (Row r : trace.query(
                        "commit customers: 90-day consumption against the active agreement",
                        """
                        select a.sf_account_id, a.sf_account_name, e.first_name, e.last_name,
                               g.amount, g.start_date, g.end_date,
                               (select sum(c.total_cost_usd) from consumption_daily_d c
                                 where c.sf_account_id = a.sf_account_id and c.consumption_date >= ? and c.consumption_date <= ?)
                                 as usage_90d
                        from salesforce_account_d a
                        join agreement_f g on g.sf_account_id = a.sf_account_id and g.is_active = true
                        left join employee_d e on e.sf_user_id = a.sf_owner_id
                        where a.sf_account_type_custom = ?
                        """,
                        through.minusDays(ConsumptionRules.BASELINE_DAYS - 1),
                        through,
                        CustomerType.COMMIT.crmValue())
                .all()) {
            double usage = r.decimal("usage_90d", 0);
            Double utilisation = ChurnScorer.utilisation(r, usage, ConsumptionRules.BASELINE_DAYS);
            if (utilisation != null && utilisation > ConsumptionRules.EXPANSION_CONTRACT_RATIO) {
                double contracted = usage / utilisation;
                expansions.add(new ExpansionCandidate(
                        r.string("sf_account_id"),
                        r.string("sf_account_name"),
                        ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                        ReportFormat.round2(contracted),
                        ReportFormat.round2(usage),
                        ReportFormat.round2(utilisation),
                        r.date("end_date")));
            }
        }
        expansions.sort(Comparator.comparingDouble(ExpansionCandidate::ratio).reversed());
        List<String> notes = List.of(
                "PLG conversion: billing ≥ $2,000 in each of the last " + ConsumptionRules.PLG_CONVERSION_MONTHS
                        + " complete months (" + firstMonth + " to " + thisMonth.minusDays(1) + ") and ≥ "
                        + ConsumptionRules.PLG_CONVERSION_ACTIVE_DAYS + " active days in the last "
                        + ConsumptionRules.PLG_CONVERSION_WINDOW_DAYS,
                "commit expansion: consumption over the last 90 days above "
                        + Math.round(ConsumptionRules.EXPANSION_CONTRACT_RATIO * 100)
                        + " % of the active agreement's rate for 90 days");
        return new ExpansionReport(today, conversions, expansions, notes, trace.executed());
    }
}
