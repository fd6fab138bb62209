package io.revbot.server.cli;

import static io.revbot.server.cli.AnalyticsOutput.money;

import io.revbot.tools.analytics.DealReview;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code revbot deal "<name or id>"}: the deal review, computed without any model. */
@Command(
        name = "deal",
        mixinStandardHelpOptions = true,
        description = {
            "Reviews one opportunity: numbers, MEDDPICC scorecard from CRM fields and calls, stage-exit criteria,"
                    + " evidence-adjusted probability with reasons, risks, opportunities and the last calls.",
            "Several matches are listed (exit 1): run again with the id or the full name."
        })
final class DealCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "DEAL", description = "Opportunity name (or part of it), account name or id.")
    String deal;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    JsonOutput json;

    DealCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        String name = Arguments.text(spec.commandLine(), deal, "DEAL");
        DealReview r =
                AnalyticsOutput.found(context.components().analytics().deals().review(name), out, json.requested());
        if (json.requested()) {
            AnalyticsOutput.json(out, r);
            return 0;
        }
        DealReview.Deal d = r.deal();
        out.printf(Locale.ROOT, "%s  (%s, %s)%n", d.name(), d.accountName(), d.opportunityId());
        out.printf(
                Locale.ROOT,
                "  %s · stage %s · owner %s · TCV %s over %s months (ACV %s)%n",
                d.type(),
                d.stage(),
                d.ownerName(),
                money(d.tcv()),
                d.contractMonths() == null ? "?" : d.contractMonths().toString(),
                money(d.acv()));
        out.printf(
                Locale.ROOT,
                "  close %s (%s days) · %s days in stage (median %s) · next step: %s%n",
                d.closeDate(),
                d.daysToClose(),
                d.daysInStage(),
                d.stageMedianDays(),
                d.nextStep() == null ? "-" : d.nextStep());
        DealReview.Probability p = r.probability();
        out.printf(
                Locale.ROOT,
                "%nProbability: CRM %d %% · evidence-adjusted %d %% (evidence supports %s)%n",
                p.crm(),
                p.evidenceAdjusted(),
                p.evidencedStage());
        p.reasons().forEach(reason -> out.println("  - " + reason));
        out.printf(Locale.ROOT, "%nMEDDPICC (score %.2f):%n", r.meddpiccScore());
        for (DealReview.ScorecardEntry e : r.scorecard()) {
            out.printf(
                    Locale.ROOT,
                    "  %-18s %-8s (CRM %s) %s%n",
                    e.element().label(),
                    e.status(),
                    e.crmStatus(),
                    e.evidence().size() > 1 ? e.evidence().get(1) : e.evidence().getFirst());
        }
        out.println("\nStage exit criteria:");
        for (DealReview.ExitCheck x : r.exitCriteria()) {
            out.printf(
                    Locale.ROOT,
                    "  [%s] %s: %s%s%n",
                    x.met() ? "x" : " ",
                    x.stage(),
                    x.requirement(),
                    x.gaps().isEmpty() ? "" : " — missing: " + String.join("; ", x.gaps()));
        }
        out.println("\nRisks:");
        r.risks().forEach(f -> out.printf(Locale.ROOT, "  %-11s %s%n", f.category(), f.text()));
        out.println("Opportunities:");
        r.opportunities().forEach(f -> out.printf(Locale.ROOT, "  %-11s %s%n", f.category(), f.text()));
        DealReview.CallSummary c = r.calls();
        out.printf(
                Locale.ROOT,
                "%nCalls: %d (last %s) · economic buyer joined: %s · competitors named: %s%n",
                c.total(),
                c.lastCallDate(),
                c.economicBuyerEverJoined() ? "yes" : "no",
                AnalyticsOutput.join(c.competitorsNamed()));
        for (DealReview.CallLine line : c.recent()) {
            out.printf(
                    Locale.ROOT,
                    "  %s  %-22s %s — %s%n",
                    line.date(),
                    line.kind(),
                    line.title(),
                    AnalyticsOutput.join(line.attendees()));
        }
        r.notes().forEach(n -> out.println("Note: " + n));
        out.flush();
        return 0;
    }
}
