package io.revbot.server.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What reaches the terminal from java.util.logging (where every library's logging ends up: SLF4J through
 * slf4j-jdk14, Helidon and the JDK through System.Logger). A command prints its output and RevBot's own warnings,
 * no library chatter (DJL's CUDA probe, Hikari, Flyway); {@code serve} logs RevBot's start steps, one line each,
 * and library warnings; {@code --verbose} shows every logger's INFO; {@code REVBOT_LOG_LEVEL} sets one level for all.
 * Every record is one line; a stack trace only for SEVERE records or at debug levels.
 */
final class ConsoleLogging {
    /** Which policy: a command that prints a result, or the long-running server. */
    enum Mode {
        COMMAND,
        SERVER
    }

    static final String REVBOT = "io.revbot";

    /**
     * Library loggers that are noisy without anything being wrong, quieted in the server's default policy: DJL
     * probes for CUDA and warns when there is no GPU; Helidon warns with a stack trace that it cannot register its
     * global config, because the shaded jar keeps only one module's {@code META-INF/helidon/service-registry.json}
     * (the config still works).
     */
    static final String[] SERVER_NOISE = {"ai.djl", "io.helidon.common.config.GlobalConfig"};

    private ConsoleLogging() {}

    static void configure(Mode mode, boolean verbose, Optional<Level> level, PrintStream stream) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new StreamLineHandler(stream, new OneLine(mode, traceFrom(level)));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        CONFIGURED.clear();
        if (level.isPresent() || verbose) {
            Level all = level.orElse(Level.INFO);
            root.setLevel(all);
            set(REVBOT, all);
            return;
        }
        switch (mode) {
            case COMMAND -> {
                root.setLevel(Level.OFF);
                set(REVBOT, Level.WARNING);
            }
            case SERVER -> {
                root.setLevel(Level.WARNING);
                set(REVBOT, Level.INFO);
                for (String noisy : SERVER_NOISE) {
                    set(noisy, Level.SEVERE);
                }
            }
        }
    }

    /** LogManager holds loggers weakly: the configured ones stay reachable here, so their levels stick. */
    private static final List<Logger> CONFIGURED = new CopyOnWriteArrayList<>();

    private static void set(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        CONFIGURED.add(logger);
    }

    private static Level traceFrom(Optional<Level> level) {
        return level.filter(l -> l.intValue() <= Level.FINE.intValue()).isPresent() ? Level.ALL : Level.SEVERE;
    }

    /** Writes each record to a stream as soon as it is logged (stderr; a test's buffer). */
    private static final class StreamLineHandler extends Handler {
        private final PrintStream stream;

        StreamLineHandler(PrintStream stream, Formatter formatter) {
            this.stream = stream;
            setFormatter(formatter);
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                stream.print(getFormatter().format(record));
                stream.flush();
            }
        }

        @Override
        public void flush() {
            stream.flush();
        }

        @Override
        public void close() {
            stream.flush();
        }
    }

    /**
     * {@code revbot: warning: message} for commands, {@code 2026-12-06T08:08:45.123Z INFO message} for the server,
     * a library's logger name in brackets before its message; a throwable adds {@code : its summary}, and its stack
     * trace from {@code traceFrom} up.
     */
    static final class OneLine extends Formatter {
        private final Mode mode;
        private final Level traceFrom;

        OneLine(Mode mode, Level traceFrom) {
            this.mode = mode;
            this.traceFrom = traceFrom;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder();
            if (mode == Mode.SERVER) {
                line.append(Instant.ofEpochMilli(record.getMillis()).truncatedTo(ChronoUnit.MILLIS))
                        .append(' ')
                        .append(String.format(
                                Locale.ROOT, "%-7s ", record.getLevel().getName()));
            } else {
                line.append("revbot: ")
                        .append(record.getLevel().getName().toLowerCase(Locale.ROOT))
                        .append(": ");
            }
            String logger = record.getLoggerName();
            if (logger != null && !logger.startsWith(REVBOT)) {
                line.append('[').append(logger).append("] "); // a library's line says whose it is
            }
            line.append(formatMessage(record).replace('\n', ' '));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.append(": ").append(thrown);
                if (record.getLevel().intValue() >= traceFrom.intValue()) {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
                }
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
