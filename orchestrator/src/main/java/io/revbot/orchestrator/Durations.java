package io.revbot.orchestrator;

import java.time.Duration;

/** How durations read in messages to people ("3 min", "45 s", "250 ms"). */
final class Durations {
    private Durations() {}

    static String human(Duration d) {
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
            return d.toMinutes() + " min";
        }
        if (d.toSeconds() >= 1) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
