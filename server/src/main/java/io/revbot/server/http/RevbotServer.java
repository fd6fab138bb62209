package io.revbot.server.http;

import io.helidon.health.HealthCheck;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.revbot.server.queue.JobWorkers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * The running server: Helidon's web server (requests on virtual threads) with {@link Routes} and the observe
 * endpoints, plus the job workers. {@link #stop} is graceful: no new requests, no new claims, running jobs finish
 * within the grace period or go back to the queue.
 */
public final class RevbotServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RevbotServer.class.getName());

    private final WebServer webServer;
    private final JobWorkers workers;
    private final Duration shutdownGrace;
    private volatile boolean stopped;

    public RevbotServer(
            String host,
            int port,
            Filter gate,
            List<Routes.Mount> mounts,
            RequestMetrics requestMetrics,
            List<HealthCheck> healthChecks,
            JobWorkers workers,
            Duration shutdownGrace) {
        this.workers = workers;
        this.shutdownGrace = shutdownGrace;
        this.webServer = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .addFeature(ObserveFeature.builder()
                        .addObserver(HealthObserver.builder()
                                .details(true)
                                .useSystemServices(false)
                                .addChecks(healthChecks.toArray(HealthCheck[]::new))
                                .build())
                        .addObserver(MetricsObserver.create())
                        .build())
                .routing(r -> Routes.routing(r, requestMetrics, gate, mounts))
                .build();
    }

    /** Starts the workers, then the web server; returns once both are running. */
    public RevbotServer start() {
        workers.start();
        webServer.start();
        LOG.log(Level.INFO, "RevBot listening on http://{0}:{1,number,#}", hostForLog(), webServer.port());
        return this;
    }

    public int port() {
        return webServer.port();
    }

    /** Stops accepting requests, stops claiming jobs, and waits up to the grace period for running jobs. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.log(Level.INFO, "stopping: no new requests or jobs; waiting up to {0} for running jobs", shutdownGrace);
        webServer.stop();
        boolean clean = workers.stop(shutdownGrace);
        LOG.log(Level.INFO, clean ? "stopped" : "stopped; unfinished jobs were given back to the queue");
    }

    @Override
    public void close() {
        stop();
    }

    private String hostForLog() {
        return webServer.prototype().host();
    }
}
