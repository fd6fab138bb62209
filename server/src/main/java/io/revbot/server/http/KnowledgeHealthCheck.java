package io.revbot.server.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.revbot.ingest.KnowledgeWatcher;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code knowledge} check of {@code /observe/health}: whether the knowledge base is in step with its folder.
 * {@code state} is {@code ok}, {@code starting}, {@code degraded} (files skipped, or the last sync failed: search
 * serves what the store holds; {@code skipped} names the files and why) or {@code not_watched}; the check is DOWN
 * only when the watcher's thread has stopped, since edits are then never picked up again and a restart is the fix.
 */
public final class KnowledgeHealthCheck implements HealthCheck {
    private final Supplier<Optional<KnowledgeWatcher.Status>> status;

    /** @param status the running watcher's status; empty when the knowledge base is not watched */
    public KnowledgeHealthCheck(Supplier<Optional<KnowledgeWatcher.Status>> status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.LIVENESS;
    }

    @Override
    public String name() {
        return "knowledge";
    }

    @Override
    public HealthCheckResponse call() {
        Optional<KnowledgeWatcher.Status> current = status.get();
        if (current.isEmpty()) {
            return HealthCheckResponse.builder()
                    .status(true)
                    .detail("state", "not_watched")
                    .build();
        }
        KnowledgeWatcher.Status s = current.get();
        var response = HealthCheckResponse.builder()
                .status(s.state() != KnowledgeWatcher.State.STOPPED)
                .detail("state", s.state().name().toLowerCase(Locale.ROOT));
        s.lastSync().ifPresent(sync -> response.detail("lastSync", sync.line()));
        if (!s.skipped().isEmpty()) {
            response.detail("skippedFiles", s.skipped().size());
            response.detail(
                    "skipped",
                    s.skipped().stream()
                            .map(f -> f.document() + ": " + f.reason())
                            .collect(Collectors.joining("; ")));
        }
        s.error().ifPresent(error -> response.detail("error", error));
        return response.build();
    }
}
