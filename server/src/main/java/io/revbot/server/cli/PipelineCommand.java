package io.revbot.server.cli;

import static io.revbot.server.cli.AnalyticsOutput.money;

import io.revbot.tools.analytics.PipelineForecast;
import io.revbot.tools.analytics.PipelineForecaster.Dimension;
import io.revbot.tools.time.FiscalCalendar;
import java.io.PrintWriter;
import java.time.Month;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot pipeline [--quarter 2026-Q1] [--by region|owner|stage|type]}. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = {
            "Pipeline and forecast for a quarter: open and weighted pipeline, commit / best case / pipeline, closed-won"
                    + " to date, coverage and gap against REVBOT_QUARTERLY_TARGET, slipping deals, and the quarter"
                    + " compared with the previous one by daily rate."
        })
final class PipelineCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--quarter",
            paramLabel = "QUARTER",
            description = "Quarter like 2026-Q1 (default: the current one).")
    String quarter;

    @Option(names = "--by", paramLabel = "DIMENSION", description = "Breakdown: region, owner, stage or type.")
    String by;

    @CommandLine.Mixin
    JsonOutput json;

    PipelineCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Dimension dimension;
        try {
            dimension = by == null ? null : Dimension.parse(by);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--by: " + e.getMessage());
        }
        if (quarter != null) {
            try {
                // The form of a quarter is the same in every fiscal calendar, so any one checks it.
                new FiscalCalendar(Month.JANUARY).parse(quarter);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--quarter: " + e.getMessage());
            }
        }
        PrintWriter out = context.out();
        PipelineForecast f = AnalyticsOutput.found(
                context.components().analytics().pipeline().forecast(quarter, dimension), out, json.requested());
        if (json.requested()) {
            AnalyticsOutput.json(out, f);
            return 0;
        }
        PipelineForecast.Totals t = f.totals();
        out.printf(
                Locale.ROOT,
                "%s (%s to %s), day %d of %d%n",
                f.quarter(),
                f.start(),
                f.end(),
                f.daysElapsed(),
                f.daysInQuarter());
        out.printf(
                Locale.ROOT,
                "  open pipeline %s in %d deals · weighted %s · closed won %s (%d deals) · closed lost %s%n",
                money(t.openAmount()),
                t.openDeals(),
                money(t.weightedAmount()),
                money(t.closedWonToDate()),
                t.wonDeals(),
                money(t.closedLost()));
        for (PipelineForecast.CategoryTotal c : f.categories()) {
            out.printf(
                    Locale.ROOT,
                    "  %-10s %4d deals %15s weighted %15s%n",
                    c.category().label(),
                    c.deals(),
                    money(c.amount()),
                    money(c.weighted()));
        }
        if (f.target() != null) {
            PipelineForecast.Target g = f.target();
            out.printf(
                    Locale.ROOT,
                    "  target %s · remaining %s · coverage %s · projected %s · projected gap %s%n",
                    money(g.target()),
                    money(g.remaining()),
                    g.coverage() == null ? "-" : String.format(Locale.ROOT, "%.2f×", g.coverage()),
                    money(g.projected()),
                    money(g.projectedGap()));
        }
        PipelineForecast.PeriodComparison c = f.comparison();
        out.printf(
                Locale.ROOT,
                "  closed won per day: %s %s vs %s %s (%s) · pipeline created per day: %s vs %s%n",
                c.current(),
                money(c.currentWonPerDay()),
                c.previous(),
                money(c.previousWonPerDay()),
                c.wonPerDayChangePercent() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%+.0f %%", c.wonPerDayChangePercent()),
                money(c.currentCreatedPerDay()),
                money(c.previousCreatedPerDay()));
        if (f.groupedBy() != null) {
            out.println("\nBy " + f.groupedBy() + ":");
            for (PipelineForecast.GroupTotal g : f.groups()) {
                out.printf(
                        Locale.ROOT,
                        "  %-24s %4d open %15s weighted %15s won %15s%n",
                        g.key(),
                        g.openDeals(),
                        money(g.openAmount()),
                        money(g.weightedAmount()),
                        money(g.closedWon()));
            }
        }
        out.printf(Locale.ROOT, "%nSlipping deals (%d):%n", f.slipping().size());
        f.slipping().stream()
                .limit(15)
                .forEach(s -> out.printf(
                        Locale.ROOT,
                        "  %-45s %-18s %12s close %s · %s%n",
                        s.name(),
                        s.stage(),
                        money(s.amount()),
                        s.closeDate(),
                        String.join("; ", s.reasons())));
        f.notes().forEach(n -> out.println("Note: " + n));
        out.flush();
        return 0;
    }
}
