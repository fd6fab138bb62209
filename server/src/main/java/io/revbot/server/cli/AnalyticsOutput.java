package io.revbot.server.cli;

import io.revbot.tools.RevBotException;
import io.revbot.tools.analytics.AnalyticsJson;
import io.revbot.tools.analytics.Outcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What the analytics commands share: unwrapping an {@link Outcome}, JSON, money and percentages. */
final class AnalyticsOutput {
    private AnalyticsOutput() {}

    /** An unknown or ambiguous name: the CLI prints the message on one line and exits 1. */
    static final class UnknownEntityException extends RevBotException {
        UnknownEntityException(String message) {
            super(message);
        }
    }

    /** The found value; several matches are listed on stdout before failing, none fails at once. */
    static <T> T found(Outcome<T> outcome, PrintWriter out, boolean json) {
        return switch (outcome) {
            case Outcome.Found<T> f -> f.value();
            case Outcome.Ambiguous<T> a -> {
                if (json) {
                    out.println(AnalyticsJson.outcome(a, true));
                } else {
                    for (Outcome.Candidate c : a.candidates()) {
                        out.printf(Locale.ROOT, "  %-20s %s (%s)%n", c.id(), c.name(), c.detail());
                    }
                }
                out.flush();
                throw new UnknownEntityException(a.message());
            }
            case Outcome.NotFound<T> n -> throw new UnknownEntityException(n.message());
        };
    }

    static void json(PrintWriter out, Object value) {
        out.println(AnalyticsJson.pretty(value));
        out.flush();
    }

    static String money(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "$%,.0f", v);
    }

    static String percent(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    static String join(List<String> items) {
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}
