package io.revbot.server.cli;

import io.revbot.tools.analytics.IcpModel;
import io.revbot.tools.analytics.LeadAssessment;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revbot lead --name N --company C [--email E] [--title T]} or {@code revbot lead --new-since 7d}: ICP
 * scoring; a person the CRM does not know gets a provisional assessment.
 */
@Command(
        name = "lead",
        mixinStandardHelpOptions = true,
        description = {
            "Scores a lead or contact against the ideal customer profile (company × 0.4 + technical × 0.3 + business"
                    + " × 0.3), with band, priority, playbook, confidence and the facts web research could fill.",
            "Someone in neither leads nor contacts gets a provisional assessment from what is known about the company"
                    + " (CRM account, other leads, email domain, web search when configured).",
            "With --new-since it scores every lead created in that period."
        })
final class LeadCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", description = "The person's full name.")
    String name;

    @Option(names = "--company", description = "The person's company.")
    String company;

    @Option(names = "--email", description = "The person's email (an exact match).")
    String email;

    @Option(names = "--title", description = "The person's job title, when the CRM does not have it.")
    String title;

    @Option(
            names = "--new-since",
            paramLabel = "PERIOD",
            description = "Score all leads created in the last 7d, 30d… (days).")
    String newSince;

    @CommandLine.Mixin
    JsonOutput json;

    LeadCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        if (newSince != null) {
            int days = days(newSince);
            LeadAssessment.Batch batch = context.components()
                    .analytics()
                    .leads()
                    .assessNewSince(LocalDate.now(context.clock()).minusDays(days));
            if (json.requested()) {
                AnalyticsOutput.json(out, batch);
                return 0;
            }
            out.printf(
                    Locale.ROOT,
                    "%d leads created since %s, best first:%n",
                    batch.leads().size(),
                    batch.since());
            for (LeadAssessment.Line l : batch.leads()) {
                out.printf(
                        Locale.ROOT,
                        "  %5.1f %-9s %s  %s, %s at %s (confidence %s)%s%n",
                        l.score(),
                        l.band().label(),
                        l.priority(),
                        l.name(),
                        l.title(),
                        l.company(),
                        l.confidence(),
                        l.relationship() == null ? "" : " · existing relationship");
            }
            out.flush();
            return 0;
        }
        if ((name == null || name.isBlank()) && (email == null || email.isBlank())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give --name and --company, --email, or --new-since");
        }
        LeadAssessment a = AnalyticsOutput.found(
                context.components().analytics().leads().assess(name, company, email, title), out, json.requested());
        if (json.requested()) {
            AnalyticsOutput.json(out, a);
            return 0;
        }
        out.printf(
                Locale.ROOT,
                "%s, %s at %s (%s)%n",
                a.person().name() != null ? a.person().name() : a.person().email(),
                a.person().title() != null ? a.person().title() : "title unknown",
                a.company().name() != null ? a.company().name() : "company unknown",
                a.provisional()
                        ? "not in the CRM: provisional assessment"
                        : a.person().source() + " " + a.person().id());
        out.println("Company facts from: " + a.company().factsFrom());
        out.printf(
                Locale.ROOT,
                "ICP score %.1f · %s · %s · confidence %s (%.0f %% of the facts known)%n",
                a.score(),
                a.band().label(),
                a.priority(),
                a.confidence(),
                a.completeness() * 100);
        for (IcpModel.Part p : a.parts()) {
            out.printf(Locale.ROOT, "  %s: %d × %.1f%n", p.name(), p.score(), p.weight());
            for (IcpModel.Scored s : p.criteria()) {
                out.printf(Locale.ROOT, "    %-28s %3d / %-3d %s%n", s.criterion(), s.points(), s.max(), s.basis());
            }
        }
        out.println("Playbook: " + a.playbook());
        for (LeadAssessment.WebFact f : a.webFacts()) {
            out.println("Web: " + f.title() + " (" + f.url() + ")");
        }
        if (!a.missingFacts().isEmpty()) {
            out.println("Still missing (for web research): " + String.join("; ", a.missingFacts()));
        }
        a.notes().forEach(n -> out.println("Note: " + n));
        out.flush();
        return 0;
    }

    private int days(String period) {
        String p = period.trim().toLowerCase(Locale.ROOT);
        try {
            int n = Integer.parseInt(p.endsWith("d") ? p.substring(0, p.length() - 1) : p);
            if (n < 1 || n > 366) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--new-since expects days like 7d (1-366), got '" + period + "'");
        }
    }
}
