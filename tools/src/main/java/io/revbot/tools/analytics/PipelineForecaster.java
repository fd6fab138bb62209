package io.revbot.tools.analytics;

import io.revbot.tools.analytics.PipelineForecast.CategoryTotal;
import io.revbot.tools.analytics.PipelineForecast.GroupTotal;
import io.revbot.tools.analytics.PipelineForecast.PeriodComparison;
import io.revbot.tools.analytics.PipelineForecast.SlippingDeal;
import io.revbot.tools.analytics.PipelineForecast.Target;
import io.revbot.tools.analytics.PipelineForecast.Totals;
import io.revbot.tools.analytics.Rows.Row;
import io.revbot.tools.analytics.SalesProcess.ForecastCategory;
import io.revbot.tools.time.FiscalCalendar;
import io.revbot.tools.time.FiscalCalendar.Quarter;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Computes {@link PipelineForecast}s. */
public final class PipelineForecaster {

    /** Breakdowns of {@code --by}. */
    public enum Dimension {
        REGION,
        OWNER,
        STAGE,
        TYPE;

        public static Dimension parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected region, owner, stage or type, got '" + s + "'");
            }
        }
    }

    private final Warehouse warehouse;
    private final Clock clock;
    private final FiscalCalendar calendar;
    private final Double quarterlyTarget;

    /** {@code quarterlyTarget}: bookings target per quarter in USD, or null when none is configured. */
    public PipelineForecaster(Warehouse warehouse, Clock clock, FiscalCalendar calendar, Double quarterlyTarget) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.quarterlyTarget = quarterlyTarget;
    }

    /** Quarter text like {@code 2026-Q1} (null: the current quarter); {@code by} may be null. */
    public Outcome<PipelineForecast> forecast(String quarterText, Dimension by) {
        LocalDate today = LocalDate.now(clock);
        Quarter quarter;
        try {
            quarter = quarterText == null || quarterText.isBlank()
                    ? calendar.quarterOf(today)
                    : calendar.parse(quarterText);
        } catch (IllegalArgumentException e) {
            return new Outcome.NotFound<>(quarterText, e.getMessage());
        }
        QueryTrace trace = new QueryTrace(warehouse);
        LocalDate wonUpTo = today.isBefore(quarter.end()) ? today : quarter.end();
        Rows rows = trace.query(
                "open deals, and deals closed in the quarter",
                """
                select o.opportunity_id, o.opportunity_name, o.opportunity_type, o.stage_name, o.amount, o.probability,
                       o.close_date, o.closed_at_date, a.sf_account_name, a.account_region, e.first_name, e.last_name
                from opportunity_d o
                left join salesforce_account_d a on a.sf_account_id = o.sf_account_id
                left join employee_d e on e.sf_user_id = o.owner_id
                where o.stage_name not in (?, ?)
                   or (coalesce(o.closed_at_date, o.close_date) >= ? and coalesce(o.closed_at_date, o.close_date) <= ?)
                order by o.opportunity_id
                """,
                SalesProcess.CLOSED_WON,
                SalesProcess.CLOSED_LOST,
                quarter.start(),
                quarter.end());
        Map<String, LocalDateTime> stageStarted = new HashMap<>();
        for (Row r : trace.query("when each open deal entered its current stage", """
                        select s.opportunity_id, max(s.started_at_ts) as started
                        from opportunity_stage_f s
                        where s.is_active_stage = true
                        group by s.opportunity_id
                        """)
                .all()) {
            stageStarted.put(r.string("opportunity_id"), r.timestamp("started"));
        }
        Map<String, Long> medians = new HashMap<>();
        for (Row r :
                trace.query("median days per stage (completed stages)", """
                        select to_stage, percentile_cont(0.5) within group (order by days_in_stage) as median_days
                        from opportunity_stage_f
                        where ended_at_ts is not null
                        group by to_stage
                        """).all()) {
            Double m = r.decimal("median_days");
            if (m != null) {
                medians.put(r.string("to_stage"), Math.round(m));
            }
        }

        int openDeals = 0, wonDeals = 0, lostDeals = 0;
        double open = 0, weighted = 0, won = 0, lost = 0;
        Map<ForecastCategory, double[]> categories = new LinkedHashMap<>();
        for (ForecastCategory c : ForecastCategory.values()) {
            categories.put(c, new double[3]);
        }
        Map<String, double[]> groups = new TreeMap<>();
        List<SlippingDeal> slipping = new ArrayList<>();
        for (Row r : rows.all()) {
            String stage = r.string("stage_name");
            double amount = r.decimal("amount", 0);
            LocalDate close = r.date("close_date");
            LocalDate closedAt = r.date("closed_at_date") != null ? r.date("closed_at_date") : close;
            String key = by == null ? null : groupKey(by, r);
            if (SalesProcess.CLOSED_WON.equals(stage)) {
                if (closedAt != null && !closedAt.isBefore(quarter.start()) && !closedAt.isAfter(wonUpTo)) {
                    wonDeals++;
                    won += amount;
                    if (key != null) {
                        groups.computeIfAbsent(key, k -> new double[4])[3] += amount;
                    }
                }
                continue;
            }
            if (SalesProcess.CLOSED_LOST.equals(stage)) {
                if (closedAt != null && quarter.contains(closedAt) && !closedAt.isAfter(wonUpTo)) {
                    lostDeals++;
                    lost += amount;
                }
                continue;
            }
            int probability = (int) r.integer("probability", 0);
            double w = amount * probability / 100.0;
            if (close != null && quarter.contains(close)) {
                openDeals++;
                open += amount;
                weighted += w;
                double[] c = categories.get(ForecastCategory.of(probability));
                c[0]++;
                c[1] += amount;
                c[2] += w;
                if (key != null) {
                    double[] g = groups.computeIfAbsent(key, k -> new double[4]);
                    g[0]++;
                    g[1] += amount;
                    g[2] += w;
                }
            }
            List<String> reasons = new ArrayList<>();
            if (close != null && close.isBefore(today)) {
                reasons.add("close date passed " + ChronoUnit.DAYS.between(close, today) + " days ago");
            }
            LocalDateTime started = stageStarted.get(r.string("opportunity_id"));
            Long days = started == null ? null : ChronoUnit.DAYS.between(started.toLocalDate(), today);
            Long median = medians.get(stage);
            if (days != null && median != null && days > median) {
                reasons.add(days + " days in " + stage + " (median " + median + ")");
            }
            boolean relevant = close == null || !close.isAfter(quarter.end());
            if (!reasons.isEmpty() && relevant) {
                slipping.add(new SlippingDeal(
                        r.string("opportunity_id"),
                        r.string("opportunity_name"),
                        r.string("sf_account_name"),
                        ReportFormat.joinName(r.string("first_name"), r.string("last_name")),
                        stage,
                        amount,
                        close,
                        days,
                        median,
                        reasons));
            }
        }
        slipping.sort(Comparator.comparingDouble(SlippingDeal::amount).reversed());

        Target target = null;
        List<String> notes = new ArrayList<>();
        if (quarterlyTarget != null) {
            double remaining = Math.max(0, quarterlyTarget - won);
            double projected = won + weighted;
            target = new Target(
                    quarterlyTarget,
                    round(won),
                    round(remaining),
                    remaining > 0 ? ReportFormat.round2(open / remaining) : null,
                    round(projected),
                    round(quarterlyTarget - projected));
        } else {
            notes.add("no quarterly target configured (REVBOT_QUARTERLY_TARGET): coverage and gap not computed");
        }
        notes.add("weighted = amount × CRM probability; categories: Commit ≥ 75 %, Best case 40–74 %, Pipeline < 40 %");

        List<CategoryTotal> categoryTotals = new ArrayList<>();
        categories.forEach((c, v) -> categoryTotals.add(new CategoryTotal(c, (int) v[0], round(v[1]), round(v[2]))));
        List<GroupTotal> groupTotals = new ArrayList<>();
        groups.forEach((k, v) -> groupTotals.add(new GroupTotal(k, (int) v[0], round(v[1]), round(v[2]), round(v[3]))));
        groupTotals.sort(Comparator.comparingDouble(GroupTotal::openAmount).reversed());

        PeriodComparison comparison = compare(trace, quarter, today);
        return new Outcome.Found<>(new PipelineForecast(
                today,
                quarter.label(),
                quarter.start(),
                quarter.end(),
                quarter.daysElapsed(today),
                quarter.lengthInDays(),
                new Totals(openDeals, round(open), round(weighted), wonDeals, round(won), lostDeals, round(lost)),
                categoryTotals,
                by == null ? null : by.name().toLowerCase(Locale.ROOT),
                groupTotals,
                target,
                slipping,
                comparison,
                notes,
                trace.executed()));
    }

    private static String groupKey(Dimension by, Row r) {
        String key = switch (by) {
            case REGION -> r.string("account_region");
            case OWNER -> ReportFormat.joinName(r.string("first_name"), r.string("last_name"));
            case STAGE -> r.string("stage_name");
            case TYPE -> r.string("opportunity_type");
        };
        return key == null ? "(none)" : key;
    }

    /** Closed-won and created pipeline per day: this quarter so far against the whole previous quarter. */
    private PeriodComparison compare(QueryTrace trace, Quarter current, LocalDate today) {
        Quarter previous = current.previous(calendar);
        long currentDays = current.daysElapsed(today);
        long previousDays = previous.daysElapsed(today);
        LocalDate currentUpTo = today.isBefore(current.end()) ? today : current.end();
        Rows rows = trace.query(
                "closed-won and created pipeline in this and the previous quarter",
                """
                select o.stage_name, o.amount, o.close_date, o.closed_at_date, o.created_at_ts
                from opportunity_d o
                where (coalesce(o.closed_at_date, o.close_date) >= ? and coalesce(o.closed_at_date, o.close_date) <= ?)
                   or (o.created_at_ts >= ? and o.created_at_ts < ?)
                """,
                previous.start(),
                currentUpTo,
                previous.start().atStartOfDay(),
                currentUpTo.plusDays(1).atStartOfDay());
        double wonCurrent = 0, wonPrevious = 0, createdCurrent = 0, createdPrevious = 0;
        for (Row r : rows.all()) {
            double amount = r.decimal("amount", 0);
            LocalDate closedAt = r.date("closed_at_date") != null ? r.date("closed_at_date") : r.date("close_date");
            if (SalesProcess.CLOSED_WON.equals(r.string("stage_name")) && closedAt != null) {
                if (current.contains(closedAt) && !closedAt.isAfter(currentUpTo)) {
                    wonCurrent += amount;
                } else if (previous.contains(closedAt) && !closedAt.isAfter(today)) {
                    wonPrevious += amount;
                }
            }
            LocalDateTime created = r.timestamp("created_at_ts");
            if (created != null) {
                LocalDate d = created.toLocalDate();
                if (current.contains(d) && !d.isAfter(currentUpTo)) {
                    createdCurrent += amount;
                } else if (previous.contains(d) && !d.isAfter(today)) {
                    createdPrevious += amount;
                }
            }
        }
        double wonRateCurrent = currentDays == 0 ? 0 : wonCurrent / currentDays;
        double wonRatePrevious = previousDays == 0 ? 0 : wonPrevious / previousDays;
        double createdRateCurrent = currentDays == 0 ? 0 : createdCurrent / currentDays;
        double createdRatePrevious = previousDays == 0 ? 0 : createdPrevious / previousDays;
        return new PeriodComparison(
                current.label() + (currentDays < current.lengthInDays() ? " (to " + currentUpTo + ")" : ""),
                currentDays,
                round(wonCurrent),
                round(wonRateCurrent),
                round(createdCurrent),
                round(createdRateCurrent),
                previous.label(),
                previousDays,
                round(wonPrevious),
                round(wonRatePrevious),
                round(createdPrevious),
                round(createdRatePrevious),
                change(wonRateCurrent, wonRatePrevious),
                change(createdRateCurrent, createdRatePrevious));
    }

    private static Double change(double now, double before) {
        return before == 0 ? null : ReportFormat.round2((now - before) / before * 100);
    }

    private static double round(double v) {
        return ReportFormat.round2(v);
    }
}
