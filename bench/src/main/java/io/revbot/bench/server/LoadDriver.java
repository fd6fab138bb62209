package io.revbot.bench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a scenario's requests from {@code concurrency} closed-loop clients (virtual threads, one HTTP/1.1 client
 * each) for a warm-up and then a measured period, and reports throughput and latency percentiles. Bounded: it never
 * runs longer than warm-up plus measurement plus the request timeout.
 */
public final class LoadDriver {
    private final int concurrency;
    private final Duration warmUp;
    private final Duration measure;

    public LoadDriver(int concurrency, Duration warmUp, Duration measure) {
        this.concurrency = concurrency;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** Accepted requests per second, latency percentiles (ms) and failures of the measured period. */
    public record Result(
            String name,
            long accepted,
            long failed,
            long acceptedIncludingWarmUp,
            double perSecond,
            double p50Millis,
            double p99Millis) {
        @Override
        public String toString() {
            return String.format(
                    "%-28s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d accepted, %d failed)",
                    name, perSecond, p50Millis, p99Millis, accepted, failed);
        }
    }

    public Result run(LoadScenario scenario, URI base) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicLong sequence = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong acceptedAll = new AtomicLong();
        long[][] latencies = new long[concurrency][];
        int[] counts = new int[concurrency];
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                int client = c;
                latencies[c] = new long[1 << 16];
                executor.submit(() -> {
                    try (HttpClient http = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build()) {
                        while (true) {
                            long sent = System.nanoTime();
                            if (sent >= end) {
                                return null;
                            }
                            int status;
                            try {
                                status = http.send(
                                                scenario.request(base, sequence.incrementAndGet()),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode();
                            } catch (java.io.IOException e) {
                                status = -1;
                            }
                            long done = System.nanoTime();
                            if (status == scenario.acceptedStatus()) {
                                acceptedAll.incrementAndGet();
                            }
                            if (sent >= measureFrom && done <= end) {
                                if (status == scenario.acceptedStatus()) {
                                    accepted.incrementAndGet();
                                    if (counts[client] == latencies[client].length) {
                                        latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
                                    }
                                    latencies[client][counts[client]++] = done - sent;
                                } else {
                                    failed.incrementAndGet();
                                }
                            }
                        }
                    }
                });
            }
            executor.shutdown();
            if (!executor.awaitTermination(warmUp.plus(measure).toSeconds() + 30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        }
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < concurrency; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(
                scenario.name(),
                accepted.get(),
                failed.get(),
                acceptedAll.get(),
                accepted.get() / (measure.toNanos() / 1e9),
                percentile(all, 0.50),
                percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
