package io.revbot.server.config;

import io.revbot.tools.ConfigurationException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/**
 * {@code REVBOT_LOG_LEVEL}: when set, every logger (RevBot's and the libraries') logs at that level on stderr;
 * unset, commands print no library logging and {@code serve} logs RevBot's start steps (see the CLI's
 * {@code ConsoleLogging}).
 */
public record LoggingConfig(Optional<Level> level) {
    static final String KEY = "REVBOT_LOG_LEVEL";

    public static LoggingConfig from(Settings s) {
        return new LoggingConfig(s.string(KEY).map(LoggingConfig::parse));
    }

    private static Level parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> Level.OFF;
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace", "all" -> Level.ALL;
            default ->
                throw new ConfigurationException(
                        KEY, "expected off | error | warning | info | debug | trace, got '" + value + "'");
        };
    }
}
