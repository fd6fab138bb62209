package io.revbot.tools.demo;

import io.revbot.tools.demo.DemoWorld.Account;
import io.revbot.tools.demo.DemoWorld.AccountType;
import io.revbot.tools.demo.DemoWorld.UsageProfile;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.duckdb.DuckDBConnection;

/**
 * Writes what customers buy and use: {@code organization_d}, {@code agreement_f}, {@code consumption_daily_d} (the
 * 365 days before as-of), {@code billing_event_f} (complete months) and {@code customer_credit_f}.
 *
 * <p>Commit customers consume 50–108 % of their contracted rate; random PLG customers stay below $60 a day, so
 * only the planted stories cross the thresholds the analyses look for (a cliff, 120 % of contract, $2,000 a month).
 */
final class CustomerUsageWriter {
    static final int DAYS = 365;
    private static final double PLG_PRICE_PER_FBU = 0.40;
    private static final double COMMIT_PRICE_PER_FBU = 0.32;
    private static final double PLG_DAILY_CAP = 60.0;

    private final DemoWorld world;
    private final LocalDate windowStart;
    private final YearMonth firstMonth;

    CustomerUsageWriter(DemoWorld world) {
        this.world = world;
        this.windowStart = world.asOf.minusDays(DAYS);
        this.firstMonth = YearMonth.from(windowStart);
    }

    void write(DuckDBConnection connection) throws SQLException {
        try (var organizations = new TableAppender(connection, "organization_d");
                var agreements = new TableAppender(connection, "agreement_f");
                var consumption = new TableAppender(connection, "consumption_daily_d");
                var billing = new TableAppender(connection, "billing_event_f");
                var credits = new TableAppender(connection, "customer_credit_f")) {
            int agreementNumber = 0;
            for (Account a : world.accounts) {
                if (!a.customer()) {
                    continue;
                }
                SplittableRandom r = world.random("usage", a.index);
                LocalDate start = a.createdAt.toLocalDate().plusDays(3 + r.nextInt(20));
                organizations.row(a.organizationId, a.name, a.id, start.atTime(9, 0));
                if (a.type == AccountType.COMMIT) {
                    agreementNumber = agreements(agreements, a, r, agreementNumber);
                }
                double[] monthly = new double[13];
                double sinceAgreement = consumption(consumption, a, r, start, monthly);
                billing(billing, a, monthly);
                credits(credits, a, r, start, sinceAgreement);
            }
        }
    }

    private int agreements(TableAppender rows, Account a, SplittableRandom r, int number) throws SQLException {
        int months = new int[] {12, 12, 24, 36}[r.nextInt(4)];
        double acv = Math.max(24_000, Math.min(1_500_000, Math.exp(Math.log(110_000) + 0.8 * r.nextGaussian())));
        acv = DemoWorld.round(acv, 1_000);
        if (a.name.equals(PlantedStories.RUNNING_HOT_ACCOUNT)) {
            acv = 180_000;
            months = 24;
        }
        long termDays = ChronoUnit.DAYS.between(world.asOf, world.asOf.plusMonths(months));
        LocalDate start = world.asOf.minusDays(20 + r.nextInt((int) termDays - 40));
        if (a.profile == UsageProfile.CLIFF || a.profile == UsageProfile.STOPPED) {
            // renewal coming up: the agreement ends 60-150 days after as-of
            start = world.asOf.plusDays(60 + r.nextInt(90)).minusMonths(months).plusDays(1);
        }
        LocalDate customerSince = a.createdAt.toLocalDate();
        if (start.isBefore(customerSince)) {
            start = customerSince.plusDays(r.nextInt(10));
        }
        LocalDate end = start.plusMonths(months).minusDays(1);
        a.annualCommit = acv;
        a.agreementStart = start;
        a.agreementEnd = end;
        a.agreementMonths = months;
        LocalDate previousEnd = start.minusDays(1);
        if (previousEnd.minusMonths(12).isAfter(customerSince) && r.nextDouble() < 0.6) {
            LocalDate previousStart = previousEnd.minusMonths(12).plusDays(1);
            String status = r.nextDouble() < 0.93 ? "Expired" : "Terminated";
            rows.row(
                    agreementId(++number),
                    a.id,
                    DemoWorld.round(acv * 0.8, 1_000),
                    12,
                    false,
                    status,
                    previousStart,
                    previousEnd);
        }
        rows.row(
                agreementId(++number),
                a.id,
                DemoWorld.round(acv * months / 12.0, 1_000),
                months,
                true,
                "Active",
                start,
                end);
        if (end.isBefore(world.asOf.plusDays(90)) && r.nextDouble() < 0.3) {
            LocalDate next = end.plusDays(1);
            rows.row(
                    agreementId(++number),
                    a.id,
                    DemoWorld.round(acv * 1.1, 1_000),
                    12,
                    false,
                    "Pending",
                    next,
                    next.plusMonths(12).minusDays(1));
        }
        return number;
    }

    private static String agreementId(int number) {
        return "AGR-%07d".formatted(number);
    }

    /** Streams the daily rows; returns the spend since the active agreement started (for the credit balance). */
    private double consumption(TableAppender rows, Account a, SplittableRandom r, LocalDate start, double[] monthly)
            throws SQLException {
        boolean commit = a.type == AccountType.COMMIT;
        double price = commit ? COMMIT_PRICE_PER_FBU : PLG_PRICE_PER_FBU;
        double utilisation = 0.5 + r.nextDouble() * 0.5;
        double slope = -0.25 + r.nextDouble() * 0.35; // change over the year: -25 % .. +10 %
        double base = commit ? a.annualCommit / 365.0 * utilisation : 3 + r.nextDouble() * 37;
        double activeShare = commit ? 1.0 : 0.25 + r.nextDouble() * 0.55;
        if (a.profile == UsageProfile.CLIFF || a.profile == UsageProfile.STOPPED) {
            utilisation = 0.85;
            slope = 0;
            base = a.annualCommit / 365.0 * utilisation;
        }
        double engineFbuPerHour = new double[] {8, 16, 32, 64}[r.nextInt(4)];
        double queriesPerHour = 80 + r.nextInt(900);
        double bytesPerQuery = Math.exp(Math.log(400e6) + r.nextGaussian());
        double sinceAgreement = 0;
        for (int k = DAYS; k >= 1; k--) {
            LocalDate day = world.asOf.minusDays(k);
            double noise = 0.85 + r.nextDouble() * 0.3;
            boolean active = r.nextDouble() < activeShare;
            if (day.isBefore(start)) {
                continue;
            }
            double weekday = switch (day.getDayOfWeek()) {
                case SATURDAY, SUNDAY -> 0.7;
                default -> 1.12;
            };
            double progress = (DAYS - k) / (double) DAYS;
            double cost = switch (a.profile) {
                case NORMAL -> {
                    double trend = Math.min(1 + slope * progress, commit ? 1.08 / utilisation : 10);
                    double daily = base * trend * weekday * noise;
                    yield !active ? 0 : commit ? daily : Math.min(PLG_DAILY_CAP, daily);
                }
                case CLIFF -> base * weekday * noise * cliff(k, a.usageLevel);
                case STOPPED ->
                    k <= PlantedStories.STOPPED_DAYS_BEFORE_AS_OF
                            ? 0
                            : base * weekday * noise * (k <= 30 ? 0.2 : k <= 35 ? 0.6 : 1.0);
                case READY_TO_CONVERT -> k % 12 == 5 ? 0 : (k > 150 ? 35.0 : 110.0) * noise;
                case RUNNING_HOT ->
                    a.annualCommit / 365.0 * weekday * noise * (k <= 120 ? 1.48 : 1.0 + 0.48 * progress);
            };
            cost = DemoWorld.round2(cost);
            if (cost <= 0) {
                continue;
            }
            double fbu = Math.round(cost / price * 1000) / 1000.0;
            double hours = Math.round(fbu / engineFbuPerHour * 1000) / 1000.0;
            long queries = Math.max(1, Math.round(hours * queriesPerHour * (0.8 + r.nextDouble() * 0.4)));
            long bytes = Math.round(queries * bytesPerQuery * (0.7 + r.nextDouble() * 0.6));
            rows.row(day, a.id, hours, queries, bytes, fbu, cost);
            int month = (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(day));
            monthly[month] += cost;
            if (a.agreementStart != null && !day.isBefore(a.agreementStart)) {
                sinceAgreement += cost;
            }
        }
        return sinceAgreement;
    }

    /** Normal until 35 days before as-of, a steep fall over five days, then {@code level} of normal. */
    private static double cliff(int daysBeforeAsOf, double level) {
        if (daysBeforeAsOf > 35) {
            return 1.0;
        }
        if (daysBeforeAsOf > 30) {
            return 1.0 - (35 - daysBeforeAsOf + 1) * 0.12;
        }
        return level;
    }

    /** One row per complete month: commit customers pay at least their commitment, PLG customers what they used. */
    private void billing(TableAppender rows, Account a, double[] monthly) throws SQLException {
        YearMonth current = YearMonth.from(world.asOf);
        for (int m = 0; m < monthly.length; m++) {
            YearMonth month = firstMonth.plusMonths(m);
            if (!month.isBefore(current) || monthly[m] <= 0) {
                continue;
            }
            double amount = a.type == AccountType.COMMIT ? Math.max(a.annualCommit / 12.0, monthly[m]) : monthly[m];
            rows.row(a.organizationId, month.atDay(1).atStartOfDay(), DemoWorld.round2(amount));
        }
    }

    private void credits(TableAppender rows, Account a, SplittableRandom r, LocalDate start, double sinceAgreement)
            throws SQLException {
        if (a.type == AccountType.COMMIT) {
            double prepaid = DemoWorld.round(a.annualCommit * a.agreementMonths / 12.0, 1_000);
            long daysBeforeWindow = Math.max(0, ChronoUnit.DAYS.between(a.agreementStart, windowStart));
            double used = sinceAgreement + daysBeforeWindow * a.annualCommit / 365.0 * 0.8;
            used = DemoWorld.round2(Math.min(prepaid, used));
            rows.row(
                    a.organizationId,
                    prepaid,
                    used,
                    DemoWorld.round2(prepaid - used),
                    a.agreementStart.atStartOfDay(),
                    a.agreementEnd.plusDays(1).atStartOfDay());
        } else if (r.nextDouble() < 0.4) {
            rows.row(
                    a.organizationId,
                    400.0,
                    400.0,
                    0.0,
                    start.atStartOfDay(),
                    start.plusDays(30).atStartOfDay());
        }
    }
}
