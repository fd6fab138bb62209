package io.revbot.server.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** Parses {@code --since}: a date ({@code 2026-11-01}, UTC midnight), an instant, or an age ({@code 7d}, {@code 24h}). */
final class TimeArguments {
    private TimeArguments() {}

    static Instant since(String value, Clock clock, CommandLine commandLine) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.matches("\\d+[dhm]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                Duration age = switch (v.charAt(v.length() - 1)) {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
                return clock.instant().minus(age);
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value.trim());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    commandLine,
                    "--since: expected a date (2026-11-01), an instant or an age (7d, 24h), got '" + value + "'");
        }
    }
}
