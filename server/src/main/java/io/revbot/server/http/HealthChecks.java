package io.revbot.server.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.revbot.server.config.Config;
import io.revbot.server.queue.JobKind;
import io.revbot.server.queue.LeasingJobQueue;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What {@code /observe/health} reports: the database, whether a model is configured, the queue, and the job kinds this
 * process's workers serve. The endpoint needs
 * no credentials, so it says nothing private: states and counts, never an error's hosts or URLs.
 */
public final class HealthChecks {
    private static final System.Logger LOG = System.getLogger(HealthChecks.class.getName());

    private HealthChecks() {}

    /** @param database empty in embedded mode */
    public static List<HealthCheck> of(
            Optional<Supplier<DataSource>> database, Config.ModelConfig model, LeasingJobQueue queue) {
        return List.of(database(database), model(model), queue(queue));
    }

    static HealthCheck database(Optional<Supplier<DataSource>> database) {
        return check("database", HealthCheckType.READINESS, () -> {
            if (database.isEmpty()) {
                return HealthCheckResponse.builder()
                        .status(true)
                        .detail("mode", "embedded")
                        .build();
            }
            try (Connection c = database.get().get().getConnection()) {
                return HealthCheckResponse.builder()
                        .status(c.isValid(2))
                        .detail("mode", "postgresql")
                        .build();
            } catch (Exception e) {
                // The health endpoint is open: the error (hosts, URLs) goes to the log, not to the caller.
                LOG.log(System.Logger.Level.WARNING, "health check: the database is unreachable: " + e.getMessage());
                return HealthCheckResponse.builder()
                        .status(false)
                        .detail("error", "unreachable (see the server log)")
                        .build();
            }
        });
    }

    static HealthCheck model(Config.ModelConfig model) {
        return check("model", HealthCheckType.READINESS, () -> {
            var b = HealthCheckResponse.builder()
                    .status(model.configured())
                    .detail("provider", model.provider().name().toLowerCase(java.util.Locale.ROOT));
            model.model().ifPresent(m -> b.detail("model", m));
            if (!model.configured()) {
                b.detail("error", model.howToConfigure());
            }
            return b.build();
        });
    }

    /**
     * The {@code workers} check: the job kinds this process claims ({@code serves}) and those it leaves to other
     * processes ({@code leaves}: no model, no Slack). Always UP: a process that serves fewer kinds is a choice.
     */
    public static HealthCheck workers(Set<JobKind> serves) {
        return check(
                "workers",
                HealthCheckType.READINESS,
                () -> HealthCheckResponse.builder()
                        .status(true)
                        .detail("serves", names(serves))
                        .detail(
                                "leaves",
                                names(EnumSet.complementOf(
                                        serves.isEmpty() ? EnumSet.noneOf(JobKind.class) : EnumSet.copyOf(serves))))
                        .build());
    }

    private static String names(Set<JobKind> kinds) {
        return kinds.stream()
                .sorted()
                .map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    static HealthCheck queue(LeasingJobQueue queue) {
        return check("queue", HealthCheckType.LIVENESS, () -> {
            try {
                LeasingJobQueue.QueueStats s = queue.stats();
                return HealthCheckResponse.builder()
                        .status(true)
                        .detail("waiting", s.waiting())
                        .detail("running", s.running())
                        .detail("dead", s.dead())
                        .detail("oldestWaitingSeconds", s.oldestWaiting().toSeconds())
                        .build();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "health check: the queue is unreachable: " + e.getMessage());
                return HealthCheckResponse.builder()
                        .status(false)
                        .detail("error", "unreachable (see the server log)")
                        .build();
            }
        });
    }

    private static HealthCheck check(String name, HealthCheckType type, Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return type;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }
}
