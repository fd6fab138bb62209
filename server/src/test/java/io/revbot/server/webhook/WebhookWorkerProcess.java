package io.revbot.server.webhook;

import io.revbot.server.db.Database;
import io.revbot.server.queue.Backoff;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.JobObserver;
import io.revbot.server.queue.JobWorkers;
import io.revbot.server.queue.PostgresJobQueue;
import io.revbot.tools.Secret;
import io.revbot.tools.http.OutboundUrlGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A RevBot worker process for the crash and scale-out tests: the production queue, handlers and workers on the
 * database given as the first argument, with a scripted supervisor that takes {@code runMillis} per answer. Prints
 * {@code READY} once its workers run and {@code RAN <tracking id>} for every run it starts, then works until killed.
 *
 * <p>Arguments: {@code <jdbc url> <workers> <lease millis> <run millis>}.
 */
public final class WebhookWorkerProcess {
    private WebhookWorkerProcess() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int workers = Integer.parseInt(args[1]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
        Duration run = Duration.ofMillis(Long.parseLong(args[3]));
        var dataSource = Database.pool(url, workers * 2 + 4);
        Database.migrate(dataSource);
        PostgresJobQueue queue = new PostgresJobQueue(dataSource);
        Clock clock = Clock.systemUTC();
        OutboundUrlGuard guard = new OutboundUrlGuard(true);
        ScriptedSupervisor supervisor = new ScriptedSupervisor().delay(run);
        WebhookRequestHandler requests = new WebhookRequestHandler(
                (request, listener) -> {
                    System.out.println("RAN " + request.runId().value().replaceFirst("-attempt-\\d+$", ""));
                    return supervisor.run(request, listener);
                },
                event -> {},
                queue,
                Optional.empty(),
                5,
                clock);
        WebhookDeliveryHandler deliveries = new WebhookDeliveryHandler(
                Optional.of(Secret.of(WebhookFixture.SIGNING_SECRET)),
                guard,
                Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                clock);
        new JobWorkers(
                        queue,
                        Map.of(JobKind.WEBHOOK_REQUEST, requests, JobKind.WEBHOOK_DELIVERY, deliveries),
                        new JobWorkers.Settings(
                                workers,
                                lease,
                                Duration.ofMinutes(1),
                                Duration.ofMillis(50),
                                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1))),
                        JobObserver.NONE,
                        "process-" + ProcessHandle.current().pid())
                .start();
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
