package io.revbot.server.cli;

import static io.revbot.server.cli.AnalyticsOutput.money;

import io.revbot.tools.analytics.ChurnReport;
import io.revbot.tools.analytics.ExpansionReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot churn [--top N] [--account A]}: churn risk, plus conversion and expansion candidates. */
@Command(
        name = "churn",
        mixinStandardHelpOptions = true,
        description = {
            "Churn risk 0-100 for commit and PLG customers (Low <= 25, Medium <= 50, High <= 75, Critical above), each"
                    + " type ranked on its own, with the signals behind each score; then PLG accounts ready to convert"
                    + " and commit accounts above 120 %% of their contract."
        })
final class ChurnCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--top", defaultValue = "10", description = "Riskiest customers to show per type (default 10).")
    int top;

    @Option(
            names = "--account",
            paramLabel = "ACCOUNT",
            description = "Only customers whose name contains this (or this id).")
    String account;

    @CommandLine.Mixin
    JsonOutput json;

    ChurnCommand(CliContext context) {
        this.context = context;
    }

    record ChurnAndExpansion(ChurnReport churn, ExpansionReport expansion) {}

    @Override
    public Integer call() {
        if (top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1");
        }
        PrintWriter out = context.out();
        var analytics = context.components().analytics();
        ChurnReport report = AnalyticsOutput.found(analytics.churn().score(account, top), out, json.requested());
        ExpansionReport expansion = account == null ? analytics.expansion().find() : null;
        if (json.requested()) {
            AnalyticsOutput.json(out, new ChurnAndExpansion(report, expansion));
            return 0;
        }
        out.printf(
                Locale.ROOT,
                "Churn risk as of %s (usage through %s), %d customers scored%n",
                report.asOf(),
                report.usageThrough(),
                report.customersScored());
        print(out, "Commit customers", report.commitCustomers());
        print(out, "PLG customers", report.plgCustomers());
        if (expansion != null) {
            out.println("\nPLG ready to convert ($2K+/month for 2 months, 90+ active days of 120):");
            expansion
                    .plgConversion()
                    .forEach(c -> out.printf(
                            Locale.ROOT,
                            "  %-28s %s · %d active days · %s%n",
                            c.accountName(),
                            String.join(
                                    ", ",
                                    c.recentMonths().stream()
                                            .map(m -> m.month().toString().substring(0, 7) + " " + money(m.amountUsd()))
                                            .toList()),
                            c.activeDays(),
                            c.owner()));
            out.println("Commit above 120 % of contract (last 90 days):");
            expansion
                    .commitExpansion()
                    .forEach(c -> out.printf(
                            Locale.ROOT,
                            "  %-28s %s consumed vs %s contracted (%.0f %%) · agreement ends %s%n",
                            c.accountName(),
                            money(c.consumedLast90DaysUsd()),
                            money(c.contractedPer90DaysUsd()),
                            c.ratio() * 100,
                            c.agreementEnd()));
        }
        report.notes().forEach(n -> out.println("Note: " + n));
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String title, List<ChurnReport.AccountRisk> risks) {
        out.println("\n" + title + ":");
        for (ChurnReport.AccountRisk r : risks) {
            out.printf(
                    Locale.ROOT,
                    "  %3d %-8s %-28s %-10s %s%n",
                    r.score(),
                    r.band(),
                    r.accountName(),
                    r.usage().trend(),
                    r.signals().isEmpty() ? r.renewalPhase() : String.join("; ", r.signals()));
        }
    }
}
