package io.revbot.server.cli;

import io.revbot.tools.analytics.CompetitorReport;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revbot competitors [--account A] [--since DATE]}: competitor mentions across calls. */
@Command(
        name = "competitors",
        mixinStandardHelpOptions = true,
        description = {
            "Competitor mentions across calls: calls per competitor, by account, deal stage and month, with quotes."
        })
final class CompetitorsCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Only this account (name or id).")
    String account;

    @Option(names = "--since", paramLabel = "DATE", description = "From this date, YYYY-MM-DD (default: 180 days ago).")
    LocalDate since;

    @CommandLine.Mixin
    JsonOutput json;

    CompetitorsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        CompetitorReport r = AnalyticsOutput.found(
                context.components().analytics().competitors().mentions(account, since), out, json.requested());
        if (json.requested()) {
            AnalyticsOutput.json(out, r);
            return 0;
        }
        out.printf(
                Locale.ROOT,
                "Competitor mentions since %s%s: %d calls name a competitor%n",
                r.since(),
                r.account() == null ? "" : " at " + r.account(),
                r.callsNamingCompetitors());
        r.competitors()
                .forEach(c -> out.printf(
                        Locale.ROOT,
                        "  %-12s %4d calls · %3d accounts · last %s%n",
                        c.competitor(),
                        c.calls(),
                        c.accounts(),
                        c.lastMentioned()));
        out.println("By deal stage:");
        r.byStage().forEach(b -> out.printf(Locale.ROOT, "  %-22s %s%n", b.key(), b.byCompetitor()));
        out.println("By month:");
        r.byMonth().forEach(b -> out.printf(Locale.ROOT, "  %s  %s%n", b.key(), b.byCompetitor()));
        out.println("Top accounts:");
        r.byAccount().stream()
                .limit(10)
                .forEach(b -> out.printf(Locale.ROOT, "  %-28s %s%n", b.key(), b.byCompetitor()));
        out.println("Quotes:");
        r.quotes()
                .forEach(q -> out.printf(
                        Locale.ROOT,
                        "  [%s] %s, \"%s\" (%s): %s — %s%n",
                        q.competitor(),
                        q.date(),
                        q.callTitle(),
                        q.account(),
                        q.speaker(),
                        q.text()));
        r.notes().forEach(n -> out.println("Note: " + n));
        out.flush();
        return 0;
    }
}
