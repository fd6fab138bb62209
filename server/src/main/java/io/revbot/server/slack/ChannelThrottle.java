package io.revbot.server.slack;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Spaces RevBot's messages in one channel by at least {@code interval} (Slack allows about one message per second
 * per channel): {@link #acquire} reserves the channel's next free slot and sleeps until it. Shared by every run.
 */
final class ChannelThrottle {
    private final long intervalNanos;
    private final ConcurrentMap<String, Long> nextSlot = new ConcurrentHashMap<>();

    ChannelThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    void acquire(String channel) throws InterruptedException {
        long now = System.nanoTime();
        long[] slot = new long[1];
        nextSlot.compute(channel, (c, next) -> {
            slot[0] = next == null || next - now < 0 ? now : next;
            return slot[0] + intervalNanos;
        });
        long waitNanos = slot[0] - now;
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
        if (nextSlot.size() > 10_000) {
            long cutoff = System.nanoTime();
            nextSlot.values().removeIf(next -> next - cutoff < 0);
        }
    }
}
