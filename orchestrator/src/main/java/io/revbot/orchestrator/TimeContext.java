package io.revbot.orchestrator;

import io.revbot.tools.time.FiscalCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * When a run happens, in the terms agents need: the UTC date and time, the current (fiscal) quarter and how far
 * into it we are. Every agent of a run gets the same block, so "this quarter" means the same period everywhere.
 */
public record TimeContext(Instant now, FiscalCalendar calendar) {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    public TimeContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(calendar, "calendar");
    }

    public LocalDate today() {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public FiscalCalendar.Quarter quarter() {
        return calendar.quarterOf(today());
    }

    /** The block that opens every agent's input. */
    public String render(Channel channel) {
        LocalDate today = today();
        FiscalCalendar.Quarter q = quarter();
        FiscalCalendar.Quarter previous = q.previous(calendar);
        FiscalCalendar.Quarter next = q.next(calendar);
        long elapsed = q.daysElapsed(today);
        String year = q.fiscal()
                ? "fiscal year FY" + q.fiscalYear() + " (starts in "
                        + calendar.firstMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")"
                : "calendar year " + q.fiscalYear();
        return "<run_context>\n"
                + "Current time (UTC): " + MINUTE.format(now.atOffset(ZoneOffset.UTC)) + " ("
                + today.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")\n"
                + "Current quarter: " + q.label() + ", " + q.start() + " to " + q.end() + ", day " + elapsed
                + " of " + q.lengthInDays() + " (" + (q.lengthInDays() - elapsed) + " days left), " + year + "\n"
                + "Previous quarter: " + previous.label() + " (" + previous.start() + " to " + previous.end()
                + "); next quarter: " + next.label() + " (" + next.start() + " to " + next.end() + ")\n"
                + "Answer format: " + format(channel) + "\n"
                + "</run_context>";
    }

    /** {@code slack} or {@code plain}: what the agents' instructions call the two answer formats. */
    static String format(Channel channel) {
        return switch (channel) {
            case SLACK -> "slack";
            case WEBHOOK, CLI, MCP -> "plain";
        };
    }
}
