package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.revbot.server.db.Database;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.NewJob;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.tools.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Worker processes (separate JVMs on the test classpath, {@link WebhookWorkerProcess}) against one PostgreSQL
 * database: a process killed with SIGKILL loses its leases and a restarted one completes the work, and two
 * processes split the work without doing any job twice.
 */
class WebhookProcessesIT {
    private HikariDataSource dataSource;
    private String url;
    private PostgresJobQueue queue;
    private MockWebServer receiver;
    /** Each delivery the receiver got: webhook-id and the tracking id in the body. */
    private final List<String[]> deliveries = new CopyOnWriteArrayList<>();

    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        url = TestDatabases.freshSchema(TestDatabases.postgresUrl(), "procs");
        dataSource = Database.pool(url, 4);
        Database.migrate(dataSource);
        queue = new PostgresJobQueue(dataSource);
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    JsonNode body =
                            WebhookJson.MAPPER.readTree(request.getBody().utf8());
                    deliveries.add(new String[] {
                        request.getHeaders().get("webhook-id"),
                        body.get("tracking_id").asText()
                    });
                } catch (Exception e) {
                    return new MockResponse.Builder().code(400).build();
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
        receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // Null when the test was skipped for want of a database.
        if (receiver != null) {
            receiver.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /** A worker process and the tracking ids its supervisor ran, as it prints them. */
    private record Worker(Process process, List<String> ran, CountDownLatch ready) {}

    private Worker launch(int workers, long leaseMillis, long runMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx256m",
                        WebhookWorkerProcess.class.getName(),
                        url,
                        Integer.toString(workers),
                        Long.toString(leaseMillis),
                        Long.toString(runMillis))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        processes.add(process);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("RAN ")) {
                        ran.add(line.substring(4));
                    }
                }
            } catch (Exception e) {
                // the process died
            }
        });
        assertThat(ready.await(120, TimeUnit.SECONDS))
                .as("worker process started")
                .isTrue();
        return new Worker(process, ran, ready);
    }

    private List<String> enqueue(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String payload = WebhookJson.write(new WebhookJson.RequestJob(
                    "question " + i,
                    "load_test",
                    "crash_test",
                    null,
                    "webhook-session-" + i,
                    receiver.url("/hook").toString(),
                    Instant.now(),
                    "load-test"));
            ids.add(queue.enqueue(new NewJob(
                            JobKind.WEBHOOK_REQUEST, "webhook:request:test-" + i, "session:" + i, payload, 5))
                    .id()
                    .value());
        }
        return ids;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void awaitAllSucceeded(int requests, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (count("SELECT count(*) FROM revbot_jobs WHERE state = 'SUCCEEDED'") == 2L * requests) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not all jobs succeeded: "
                + count("SELECT count(*) FROM revbot_jobs WHERE state = 'SUCCEEDED'") + " of " + 2 * requests);
    }

    /** Deliveries after deduplication by webhook-id: webhook-id to the tracking ids seen under it. */
    private Map<String, Set<String>> deduplicated() {
        Map<String, Set<String>> byWebhookId = new HashMap<>();
        for (String[] d : deliveries) {
            byWebhookId.computeIfAbsent(d[0], k -> new HashSet<>()).add(d[1]);
        }
        return byWebhookId;
    }

    @Test
    void aWorkerKilledMidwayLosesItsLeasesAndARestartedOneCompletesEveryJobOnce() throws Exception {
        Worker first = launch(4, 2_000, 150);
        List<String> ids = enqueue(100);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (first.ran().size() < 30 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long runningAtKill = count("SELECT count(*) FROM revbot_jobs WHERE state = 'RUNNING'");
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, leases stay behind
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).isEqualTo(137);
        int deliveredBeforeKill = deliveries.size();
        int ranBeforeKill = first.ran().size();
        assertThat(ranBeforeKill).as("killed mid-way").isBetween(30, 99);

        Worker restarted = launch(4, 2_000, 150);
        awaitAllSucceeded(100, 180);

        Map<String, Set<String>> unique = deduplicated();
        assertThat(unique).hasSize(100);
        assertThat(unique.values())
                .allSatisfy(trackingIds -> assertThat(trackingIds).hasSize(1));
        Set<String> delivered = new HashSet<>();
        unique.values().forEach(delivered::addAll);
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(unique.keySet()).allSatisfy(id -> assertThat(id).startsWith("msg_"));
        assertThat(restarted.ran())
                .as("the restarted process answered the rest")
                .isNotEmpty();
        assertThat(first.ran().size() + restarted.ran().size()).isGreaterThanOrEqualTo(100);
        assertThat(runningAtKill)
                .as("jobs were in flight when the worker was killed")
                .isPositive();
        assertThat(count("SELECT count(*) FROM revbot_jobs WHERE attempts > 1"))
                .as("in-flight jobs were taken over after their lease expired")
                .isPositive();
        assertThat(count("SELECT count(*) FROM revbot_jobs WHERE state = 'DEAD'"))
                .isZero();
        System.out.printf(
                "crash test: %d runs and %d deliveries before SIGKILL, %d jobs running at kill, %d runs after restart,"
                        + " %d raw deliveries, %d after dedup by webhook-id%n",
                ranBeforeKill,
                deliveredBeforeKill,
                runningAtKill,
                restarted.ran().size(),
                deliveries.size(),
                unique.size());
    }

    @Test
    void twoProcessesOnOneDatabaseSplitTheWorkAndDoNoJobTwice() throws Exception {
        Worker a = launch(4, 10_000, 40);
        Worker b = launch(4, 10_000, 40);
        List<String> ids = enqueue(200);

        awaitAllSucceeded(200, 180);

        List<String> all = new ArrayList<>(a.ran());
        all.addAll(b.ran());
        assertThat(all).hasSize(200).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Collections.disjoint(a.ran(), b.ran())).isTrue();
        assertThat(a.ran()).as("process A did part of the work").isNotEmpty();
        assertThat(b.ran()).as("process B did part of the work").isNotEmpty();
        assertThat(deduplicated()).hasSize(200);
        assertThat(deliveries).as("no delivery sent twice").hasSize(200);
        assertThat(count("SELECT count(*) FROM revbot_jobs WHERE attempts > 1")).isZero();
        System.out.printf(
                "scale-out: process A ran %d, process B ran %d%n",
                a.ran().size(), b.ran().size());
    }
}
