package io.revbot.tools.demo;

import io.revbot.tools.demo.DemoWorld.Account;
import io.revbot.tools.demo.DemoWorld.Opportunity;
import io.revbot.tools.demo.DemoWorld.UsageProfile;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.duckdb.DuckDBConnection;

/**
 * Builds the deals ({@code opportunity_d}) and their stage history ({@code opportunity_stage_f}): a closed-won New
 * Business deal and renewals for commit customers, conversion deals for some PLG customers, New Business for
 * prospects, upsells; every stage represented, the planted Vertex and Orion deals included.
 */
final class OpportunityWriter {
    private static final List<String> DEAL_THEMES = List.of(
            "Platform Migration",
            "Analytics Modernization",
            "Real-time Dashboards",
            "Customer-Facing Analytics",
            "Data Platform Consolidation",
            "Cost Optimization",
            "Log Analytics",
            "Embedded Analytics",
            "Data Lake Acceleration");
    private static final List<String> UPSELL_THEMES =
            List.of("Additional Workloads", "New Region", "Second Team Rollout", "Capacity Increase");

    private final DemoWorld world;
    private int next;

    OpportunityWriter(DemoWorld world) {
        this.world = world;
    }

    void write(DuckDBConnection connection) throws SQLException {
        for (Account a : world.accounts) {
            SplittableRandom r = world.random("opportunities", a.index);
            switch (a.type) {
                case COMMIT -> commitDeals(a, r);
                case PLG -> {
                    if (a.profile != UsageProfile.READY_TO_CONVERT && r.nextDouble() < 0.5) {
                        salesDeal(a, r, "New Business", "Commit Conversion", false);
                    }
                }
                case PROSPECT -> prospectDeals(a, r);
            }
        }
        var meddpicc = new Meddpicc(world);
        try (var opportunities = new TableAppender(connection, "opportunity_d");
                var stages = new TableAppender(connection, "opportunity_stage_f")) {
            for (Opportunity o : world.opportunities) {
                writeOpportunity(opportunities, o, meddpicc);
                writeStages(stages, o);
                if (!o.closed()) {
                    o.account.openOpportunities++;
                }
            }
        }
    }

    private void prospectDeals(Account a, SplittableRandom r) {
        if (a.name.equals(PlantedStories.DISCOVERY_ONLY_ACCOUNT)) {
            Opportunity o = planted(a, "Platform Migration", List.of(62, 55, 18, 9), "Negotiate", 480_000, 36);
            o.competitors = List.of("Redshift");
            o.discoveryOnly = true;
            return;
        }
        if (a.name.equals(PlantedStories.COMPETITIVE_ACCOUNT)) {
            Opportunity o = planted(a, "Analytics Modernization", List.of(78, 52, 21), "Proof of Concept", 360_000, 24);
            o.competitors = List.of("Snowflake", "Databricks");
            o.competitivePricing = true;
            return;
        }
        if (a.name.equals(PlantedStories.IDEAL_LEAD_COMPANY)) {
            return; // still a lead
        }
        if (r.nextDouble() < 0.12) {
            salesDeal(a, r, "New Business", Vocabulary.pick(r, DEAL_THEMES), true);
        }
        if (r.nextDouble() < 0.75) {
            salesDeal(a, r, "New Business", Vocabulary.pick(r, DEAL_THEMES), false);
        }
    }

    private void commitDeals(Account a, SplittableRandom r) {
        LocalDateTime won = a.agreementStart.minusDays(2 + r.nextInt(10)).atTime(16, 0);
        boolean renewedRecently = a.agreementStart.isAfter(world.asOf.minusDays(365))
                && a.agreementStart.isAfter(a.createdAt.toLocalDate().plusDays(300));
        if (renewedRecently) {
            Opportunity renewal = closed(
                    a,
                    r,
                    "Renewal",
                    "Renewal " + a.agreementStart.getYear(),
                    StageModel.RENEWAL,
                    StageModel.CLOSED_WON,
                    won);
            renewal.amount = DemoWorld.round(a.annualCommit * a.agreementMonths / 12.0, 1_000);
            renewal.months = a.agreementMonths;
        } else {
            Opportunity initial = closed(
                    a,
                    r,
                    "New Business",
                    Vocabulary.pick(r, DEAL_THEMES),
                    StageModel.SALES,
                    StageModel.CLOSED_WON,
                    won);
            initial.amount = DemoWorld.round(a.annualCommit * a.agreementMonths / 12.0, 1_000);
            initial.months = a.agreementMonths;
        }
        long daysToEnd = ChronoUnit.DAYS.between(world.asOf, a.agreementEnd);
        if (daysToEnd <= 270) {
            int stage = daysToEnd > 180 ? 0 : daysToEnd > 120 ? 1 : daysToEnd > 60 ? 2 : daysToEnd > 20 ? 3 : 4;
            Opportunity renewal = open(
                    a,
                    r,
                    "Renewal",
                    "Renewal " + a.agreementEnd.plusDays(1).getYear(),
                    StageModel.RENEWAL.subList(0, stage + 1),
                    true);
            renewal.amount = DemoWorld.round(a.annualCommit * (0.95 + r.nextDouble() * 0.25), 1_000);
            renewal.months = 12;
        }
        if (r.nextDouble() < 0.4) {
            salesDeal(a, r, r.nextBoolean() ? "Upsell" : "Expansion", Vocabulary.pick(r, UPSELL_THEMES), false);
        }
    }

    /** A New Business, Upsell or Expansion deal at a random stage (closed lost only when {@code lost}). */
    private void salesDeal(Account a, SplittableRandom r, String type, String theme, boolean lost) {
        boolean customerDeal = !type.equals("New Business");
        List<String> path = new ArrayList<>(StageModel.SALES);
        if (r.nextDouble() < 0.3) {
            path.remove("Proof of Concept");
        }
        double x = r.nextDouble();
        Opportunity o;
        if (lost || x < 0.13) {
            int reached = 1 + r.nextInt(path.size() - 2);
            LocalDateTime when = DemoWorld.officeHours(r, world.asOf.minusDays(1 + r.nextInt(330)));
            o = closed(a, r, type, theme, path.subList(0, reached + 1), StageModel.CLOSED_LOST, when);
        } else if (customerDeal && x < 0.28) {
            LocalDateTime when = DemoWorld.officeHours(r, world.asOf.minusDays(1 + r.nextInt(330)));
            o = closed(a, r, type, theme, path, StageModel.CLOSED_WON, when);
        } else {
            double[] weights = path.size() == 6
                    ? new double[] {0.12, 0.26, 0.2, 0.16, 0.14, 0.12}
                    : new double[] {0.14, 0.3, 0.2, 0.18, 0.18};
            int stage = Vocabulary.weighted(r, weights);
            o = open(a, r, type, theme, path.subList(0, stage + 1), false);
        }
        double median = customerDeal ? 40_000 : 90_000;
        double acv = Math.max(15_000, Math.min(900_000, Math.exp(Math.log(median) + 0.7 * r.nextGaussian())));
        o.months = new int[] {12, 12, 24, 36}[r.nextInt(4)];
        o.amount = DemoWorld.round(acv * o.months / 12.0, 1_000);
        if (r.nextDouble() < 0.55) {
            List<String> competitors = new ArrayList<>();
            competitors.add(Vocabulary.pick(r, Vocabulary.COMPETITORS));
            String second = Vocabulary.pick(r, Vocabulary.COMPETITORS);
            if (r.nextDouble() < 0.35 && !competitors.contains(second)) {
                competitors.add(second);
            }
            o.competitors = List.copyOf(competitors);
        }
    }

    private Opportunity planted(
            Account a, String theme, List<Integer> daysAgo, String stage, double amount, int months) {
        List<String> path = new ArrayList<>();
        for (String s : StageModel.SALES) {
            if (stage.equals("Negotiate") && s.equals("Proof of Concept")) {
                continue; // the planted deal skipped its proof of concept
            }
            path.add(s);
            if (s.equals(stage)) {
                break;
            }
        }
        List<LocalDateTime> starts = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            starts.add(world.asOf.minusDays(daysAgo.get(i)).atTime(10 + i, 30));
        }
        Opportunity o = add(a, "New Business", theme, path, starts, false);
        o.amount = amount;
        o.months = months;
        return o;
    }

    private Opportunity open(
            Account a, SplittableRandom r, String type, String theme, List<String> path, boolean renewal) {
        List<LocalDateTime> starts = new ArrayList<>();
        int[] current = StageModel.typicalDays(path.get(path.size() - 1));
        int elapsed = 1 + r.nextInt(current[1] * (r.nextDouble() < 0.15 ? 4 : 1));
        LocalDate day = world.asOf.minusDays(elapsed);
        starts.add(DemoWorld.officeHours(r, day));
        for (int i = path.size() - 2; i >= 0; i--) {
            int[] typical = StageModel.typicalDays(path.get(i));
            day = day.minusDays(typical[0] + r.nextInt(typical[1] - typical[0] + 1));
            starts.add(0, DemoWorld.officeHours(r, day));
        }
        return add(a, type, theme, path, starts, renewal);
    }

    private Opportunity closed(
            Account a,
            SplittableRandom r,
            String type,
            String theme,
            List<String> path,
            String outcome,
            LocalDateTime closedAt) {
        List<String> full = new ArrayList<>(path);
        full.add(outcome);
        List<LocalDateTime> starts = new ArrayList<>();
        starts.add(closedAt);
        LocalDate day = closedAt.toLocalDate();
        for (int i = path.size() - 1; i >= 0; i--) {
            int[] typical = StageModel.typicalDays(path.get(i));
            day = day.minusDays(typical[0] + r.nextInt(typical[1] - typical[0] + 1));
            starts.add(0, DemoWorld.officeHours(r, day));
        }
        return add(a, type, theme, full, starts, type.equals("Renewal"));
    }

    private Opportunity add(
            Account a, String type, String theme, List<String> path, List<LocalDateTime> starts, boolean renewal) {
        String id = "006Dm%010d".formatted(++next);
        String name = a.name + " - " + theme;
        var o = new Opportunity(id, name, type, a, a.owner, List.copyOf(path), List.copyOf(starts), renewal);
        world.opportunities.add(o);
        return o;
    }

    private void writeOpportunity(TableAppender rows, Opportunity o, Meddpicc meddpicc) throws SQLException {
        SplittableRandom r = world.random("opportunity-detail", Long.parseLong(o.id.substring(5)));
        LocalDate closeDate;
        LocalDate closedAt = null;
        if (o.closed()) {
            closedAt = o.currentStageStart().toLocalDate();
            closeDate = closedAt;
        } else if (o.discoveryOnly || o.competitivePricing) {
            closeDate = world.asOf.plusDays(o.discoveryOnly ? 25 : 70);
        } else if (r.nextDouble() < 0.08) {
            closeDate = world.asOf.minusDays(1 + r.nextInt(30)); // slipped past its close date
        } else {
            closeDate = world.asOf.plusDays(10 + r.nextInt(170));
        }
        String reason = null;
        if (o.stage().equals(StageModel.CLOSED_WON)) {
            reason = Vocabulary.pick(r, Meddpicc.WON_REASONS);
        } else if (o.stage().equals(StageModel.CLOSED_LOST)) {
            reason = Vocabulary.pick(r, Meddpicc.LOST_REASONS);
        }
        var m = meddpicc.fields(o, r, closeDate);
        LocalDateTime updated = world.asOf.minusDays(1).atTime(6, r.nextInt(50));
        rows.row(
                o.id,
                o.name,
                o.type,
                o.account.id,
                o.stage(),
                o.amount,
                o.months,
                StageModel.probability(o.stage()),
                closeDate,
                closedAt,
                o.createdAt(),
                reason,
                o.owner.id(),
                o.account.champion().id(),
                o.closed() ? null : meddpicc.nextStep(o, r),
                updated,
                m[0],
                m[1],
                m[2],
                m[3],
                m[4],
                m[5],
                m[6],
                m[7],
                m[8],
                m[9],
                m[10],
                m[11],
                m[12],
                m[13],
                m[14],
                m[15],
                o.competitors.isEmpty() ? null : String.join(", ", o.competitors),
                m[16] == null ? null : LocalDate.parse(m[16]));
    }

    private void writeStages(TableAppender rows, Opportunity o) throws SQLException {
        for (int i = 0; i < o.path.size(); i++) {
            LocalDateTime started = o.stageStarts.get(i);
            boolean active = i == o.path.size() - 1;
            LocalDateTime ended = active ? null : o.stageStarts.get(i + 1);
            LocalDateTime until = active ? world.asOf.atStartOfDay() : ended;
            int days = (int) Math.max(0, ChronoUnit.DAYS.between(started.toLocalDate(), until.toLocalDate()));
            rows.row(o.id, i == 0 ? null : o.path.get(i - 1), o.path.get(i), days, started, ended, active);
        }
    }
}
