package io.revbot.server.cli;

import java.util.Locale;

/** How the monitoring commands print durations, money and counts. */
final class Format {
    private Format() {}

    static String millis(Long ms) {
        if (ms == null) {
            return "-";
        }
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000d);
    }

    static String usd(Double usd) {
        return usd == null ? "-" : String.format(Locale.ROOT, "$%.4f", usd);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
