package io.revbot.tools.analytics;

import io.revbot.tools.analytics.ChurnModel.Band;
import io.revbot.tools.analytics.ChurnModel.Component;
import io.revbot.tools.analytics.ChurnModel.CustomerType;
import io.revbot.tools.analytics.ChurnReport.AccountRisk;
import io.revbot.tools.analytics.ChurnReport.ComponentScore;
import io.revbot.tools.analytics.ChurnReport.Usage;
import io.revbot.tools.analytics.ConsumptionRules.Anomaly;
import io.revbot.tools.analytics.ConsumptionRules.Trend;
import io.revbot.tools.analytics.ConsumptionRules.UsageWindow;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Scores churn risk for every commit and PLG customer with {@link ChurnModel}. */
public final class ChurnScorer {
    private final Warehouse warehouse;
    private final Clock clock;

    public ChurnScorer(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Scores all customers (or those whose name contains {@code account}, or whose id equals it) and returns the
     * {@code top} riskiest ({@code top <= 0}: all).
     */
    public Outcome<ChurnReport> score(String account, int top) {
        LocalDate today = LocalDate.now(clock);
        QueryTrace trace = new QueryTrace(warehouse);
        boolean filtered = account != null && !account.isBlank();
        String pattern = filtered ? "%" + account.trim().toLowerCase(Locale.ROOT) + "%" : "%";
        String id = filtered ? account.trim() : "";
        LocalDate through = lastLoadedDay(trace, today);
        Rows usageRows = trace.query(
                "customers and their usage over trailing 7/30/90 days",
                """
                select a.sf_account_id, a.sf_account_name, a.sf_account_type_custom, e.first_name, e.last_name,
                       sum(case when c.consumption_date >= ? then c.total_cost_usd else 0 end) as usage_7d,
                       sum(case when c.consumption_date >= ? then c.total_cost_usd else 0 end) as usage_30d,
                       sum(case when c.consumption_date >= ? then c.total_cost_usd else 0 end) as usage_90d,
                       count(distinct case when c.consumption_date >= ? and (c.total_cost_usd > 0 or c.query_count > 0)
                                           then c.consumption_date end) as active_days_30d,
                       max(case when c.total_cost_usd > 0 or c.query_count > 0 then c.consumption_date end) as last_active
                from salesforce_account_d a
                left join employee_d e on e.sf_user_id = a.sf_owner_id
                left join consumption_daily_d c
                       on c.sf_account_id = a.sf_account_id and c.consumption_date <= ? and c.consumption_date >= ?
                where a.sf_account_type_custom in (?, ?)
                  and (a.sf_account_id = ? or lower(a.sf_account_name) like ?)
                group by a.sf_account_id, a.sf_account_name, a.sf_account_type_custom, e.first_name, e.last_name
                """,
                through.minusDays(ConsumptionRules.SPIKE_DAYS - 1),
                through.minusDays(ConsumptionRules.RECENT_DAYS - 1),
                through.minusDays(ConsumptionRules.BASELINE_DAYS - 1),
                through.minusDays(ConsumptionRules.RECENT_DAYS - 1),
                through,
                through.minusDays(365),
                CustomerType.COMMIT.crmValue(),
                CustomerType.PLG.crmValue(),
                id,
                pattern);
        if (usageRows.isEmpty()) {
            return new Outcome.NotFound<>(
                    filtered ? account : "",
                    filtered
                            ? "no commit or PLG customer matches '" + account.trim() + "'"
                            : "no commit or PLG customers in the warehouse");
        }
        Map<String, LocalDate> lastCall = new HashMap<>();
        for (Row r : trace.query("last call per account", """
                        select gong_primary_account, max(gong_call_start_ts) as last_call
                        from gong_call_f
                        where (is_deleted is null or is_deleted = false) and gong_call_start_ts < ?
                        group by gong_primary_account
                        """, today.plusDays(1).atStartOfDay())
                .all()) {
            LocalDateTime t = r.timestamp("last_call");
            if (r.string("gong_primary_account") != null && t != null) {
                lastCall.put(r.string("gong_primary_account"), t.toLocalDate());
            }
        }
        Map<String, Set<String>> competitorsNamed = new HashMap<>();
        for (Row r : trace.query(
                        "call summaries of the last 90 days (competitors named)",
                        """
                        select gong_primary_account, gong_call_brief, gong_call_key_points
                        from gong_call_f
                        where (is_deleted is null or is_deleted = false) and gong_call_start_ts >= ? and gong_call_start_ts < ?
                        """,
                        today.minusDays(ConsumptionRules.BASELINE_DAYS).atStartOfDay(),
                        today.plusDays(1).atStartOfDay())
                .all()) {
            List<String> named = CallEvidence.competitorsNamed(
                    (r.string("gong_call_brief") == null ? "" : r.string("gong_call_brief")) + "\n"
                            + (r.string("gong_call_key_points") == null ? "" : r.string("gong_call_key_points")));
            if (!named.isEmpty() && r.string("gong_primary_account") != null) {
                competitorsNamed
                        .computeIfAbsent(r.string("gong_primary_account"), k -> new LinkedHashSet<>())
                        .addAll(named);
            }
        }
        Map<String, Row> agreements = new HashMap<>();
        for (Row r : trace.query("active agreements", """
                        select sf_account_id, amount, contract_term_months, start_date, end_date
                        from agreement_f
                        where is_active = true
                        order by sf_account_id, end_date
                        """).all()) {
            agreements.put(r.string("sf_account_id"), r);
        }
        Map<String, Long> contacts = new HashMap<>();
        for (Row r : trace.query("active contacts per account", """
                        select sf_account_id, count(*) as contacts
                        from contact_d
                        where is_deleted is null or is_deleted = false
                        group by sf_account_id
                        """).all()) {
            contacts.put(r.string("sf_account_id"), r.integer("contacts", 0));
        }

        List<AccountRisk> risks = new ArrayList<>();
        for (Row r : usageRows.all()) {
            CustomerType type = CustomerType.ofCrm(r.string("sf_account_type_custom"));
            String accountId = r.string("sf_account_id");
            UsageWindow window = new UsageWindow(
                    r.decimal("usage_7d", 0),
                    r.decimal("usage_30d", 0),
                    r.decimal("usage_90d", 0),
                    r.date("last_active"),
                    through);
            risks.add(assess(
                    r,
                    type,
                    window,
                    (int) r.integer("active_days_30d", 0),
                    lastCall.get(accountId),
                    competitorsNamed.getOrDefault(accountId, Set.of()),
                    agreements.get(accountId),
                    contacts.getOrDefault(accountId, 0L),
                    today));
        }
        risks.sort(Comparator.comparingInt(AccountRisk::score).reversed().thenComparing(AccountRisk::accountName));
        List<AccountRisk> commit = top(risks, CustomerType.COMMIT, top);
        List<AccountRisk> plg = top(risks, CustomerType.PLG, top);
        List<String> notes = new ArrayList<>();
        notes.add("usage = total_cost_usd of consumption_daily_d over windows ending " + through
                + ", the last day with consumption loaded");
        notes.add("commit and PLG scores use different weights: each type is ranked on its own");
        return new Outcome.Found<>(new ChurnReport(today, through, risks.size(), commit, plg, notes, trace.executed()));
    }

    private static List<AccountRisk> top(List<AccountRisk> sorted, CustomerType type, int top) {
        List<AccountRisk> ofType = sorted.stream().filter(a -> a.type() == type).toList();
        return top > 0 && ofType.size() > top ? ofType.subList(0, top) : ofType;
    }

    /** The last day with consumption loaded, up to today (warehouses load a day or more behind); today if none. */
    static LocalDate lastLoadedDay(QueryTrace trace, LocalDate today) {
        Rows rows = trace.query(
                "the last day with consumption loaded",
                "select max(consumption_date) as through from consumption_daily_d where consumption_date <= ?",
                today);
        LocalDate through = rows.isEmpty() ? null : rows.first().date("through");
        return through == null ? today : through;
    }

    static AccountRisk assess(
            Row r,
            CustomerType type,
            UsageWindow window,
            int activeDays30,
            LocalDate lastCall,
            Set<String> competitors,
            Row agreement,
            long contactCount,
            LocalDate today) {
        Trend trend = ConsumptionRules.trend(window);
        List<Anomaly> anomalies = ConsumptionRules.anomalies(window);
        double ratio = window.runRateRatio();
        List<String> signals = new ArrayList<>();
        String usageBasis = usageBasis(trend, window, ratio);
        if (trend != Trend.STABLE) {
            signals.add("usage " + usageBasis);
        }
        for (Anomaly a : anomalies) {
            signals.add(
                    switch (a) {
                        case COMPLETE_STOP -> "complete stop: no usage since " + window.lastActive();
                        case MAJOR_DECLINE ->
                            String.format(
                                    Locale.ROOT, "major decline: 30-day run-rate %.0f %% of the 90-day", ratio * 100);
                        case SPIKE -> "spike: last 7 days above 3× the 90-day daily rate";
                    });
        }
        int usageRisk = ChurnModel.usageRisk(trend, anomalies);
        Long daysToEnd = null;
        LocalDate agreementEnd = null;
        if (agreement != null && agreement.date("end_date") != null) {
            agreementEnd = agreement.date("end_date");
            daysToEnd = ChronoUnit.DAYS.between(today, agreementEnd);
        }
        String phase = ChurnModel.renewalPhase(daysToEnd);

        List<ComponentScore> components = new ArrayList<>();
        Map<Component, Integer> weights = ChurnModel.WEIGHTS.get(type);
        if (type == CustomerType.COMMIT) {
            components.add(component(Component.USAGE, weights, usageRisk, usageBasis));
            Long sinceCall = lastCall == null ? null : ChronoUnit.DAYS.between(lastCall, today);
            int engagement = sinceCall == null ? 100 : ChurnModel.ENGAGEMENT_DAYS_SINCE_CALL.risk(sinceCall);
            String engagementBasis = sinceCall == null ? "no call on record" : "last call " + sinceCall + " days ago";
            if (engagement >= 70) {
                signals.add(engagementBasis);
            }
            components.add(component(Component.ENGAGEMENT, weights, engagement, engagementBasis));
            Double utilisation = utilisation(agreement, window.last30(), ConsumptionRules.RECENT_DAYS);
            int business = utilisation == null ? 50 : ChurnModel.BUSINESS_UTILISATION.risk(utilisation);
            String businessBasis = utilisation == null
                    ? "no active agreement to compare usage with (neutral 50)"
                    : String.format(Locale.ROOT, "30-day usage is %.0f %% of the contracted rate", utilisation * 100);
            if (utilisation != null && utilisation < 0.6) {
                signals.add(businessBasis);
            }
            if (!competitors.isEmpty()) {
                business = Math.min(100, business + ChurnModel.COMPETITOR_MENTION_RISK);
                businessBasis += "; competitors named on calls in 90 days: " + String.join(", ", competitors);
                signals.add("competitors named on recent calls: " + String.join(", ", competitors));
            }
            components.add(component(Component.BUSINESS, weights, business, businessBasis));
            int contract = daysToEnd == null || daysToEnd < 0
                    ? ChurnModel.NO_AGREEMENT_RISK
                    : ChurnModel.CONTRACT_DAYS_TO_RENEWAL.risk(daysToEnd);
            if (daysToEnd != null && daysToEnd >= 0 && daysToEnd <= 90) {
                signals.add("renewal in " + daysToEnd + " days");
            }
            components.add(component(Component.CONTRACT, weights, contract, phase));
        } else {
            components.add(component(Component.USAGE_TRAJECTORY, weights, usageRisk, usageBasis));
            int implementation = ChurnModel.IMPLEMENTATION_ACTIVE_DAYS.risk(activeDays30);
            String implementationBasis = activeDays30 + " active days in the last 30";
            if (implementation >= 70) {
                signals.add(implementationBasis);
            }
            components.add(component(Component.IMPLEMENTATION, weights, implementation, implementationBasis));
            int team = ChurnModel.TEAM_CONTACTS.risk(contactCount);
            String teamBasis = contactCount + " active contacts at the account";
            if (team >= 70) {
                signals.add(teamBasis);
            }
            components.add(component(Component.TEAM, weights, team, teamBasis));
        }
        double total =
                components.stream().mapToDouble(ComponentScore::contribution).sum();
        int score = (int) Math.max(0, Math.min(100, Math.round(total)));
        Usage usage = new Usage(
                trend,
                ReportFormat.round2(window.last30()),
                ReportFormat.round2(window.last90()),
                Double.isNaN(ratio) ? null : ReportFormat.round2(ratio),
                window.lastActive(),
                activeDays30);
        return new AccountRisk(
                r.string("sf_account_id"),
                r.string("sf_account_name"),
                type,
                ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                score,
                Band.of(score),
                components,
                usage,
                anomalies,
                phase,
                agreementEnd,
                signals);
    }

    private static ComponentScore component(Component c, Map<Component, Integer> weights, int risk, String basis) {
        int weight = weights.get(c);
        return new ComponentScore(c, weight, risk, ReportFormat.round2(risk * weight / 100.0), basis);
    }

    private static String usageBasis(Trend trend, UsageWindow w, double ratio) {
        return switch (trend) {
            case NO_USAGE -> "no usage in the last year";
            case INACTIVE -> "inactive: no usage for " + w.daysSilent() + " days (since " + w.lastActive() + ")";
            default ->
                String.format(
                        Locale.ROOT,
                        "%s: 30-day run-rate %.0f %% of the 90-day ($%,.0f in 30 days, $%,.0f in 90)",
                        trend.name().toLowerCase(Locale.ROOT),
                        ratio * 100,
                        w.last30(),
                        w.last90());
        };
    }

    /** Usage over {@code days} ÷ what the active agreement contracts for that many days; null without one. */
    static Double utilisation(Row agreement, double usage, int days) {
        if (agreement == null) {
            return null;
        }
        Double amount = agreement.decimal("amount");
        LocalDate start = agreement.date("start_date");
        LocalDate end = agreement.date("end_date");
        if (amount == null || amount <= 0 || start == null || end == null || !end.isAfter(start)) {
            return null;
        }
        double contractedDaily = amount / ChronoUnit.DAYS.between(start, end);
        return usage / (contractedDaily * days);
    }
}
