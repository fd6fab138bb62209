package io.revbot.server.http;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.revbot.ingest.KnowledgeWatcher;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code knowledge} check of {@code /observe/health}: the store ({@code store}: what it runs on; {@code chunks}:
 * how many it holds, once opened) and whether it is in step with its folder. {@code state} is {@code ok},
 * {@code starting}, {@code degraded} (files skipped, the last sync failed, or the store cannot be read: search serves
 * what the store holds; {@code skipped} names the files and why) or {@code not_watched}; the check is DOWN only when
 * the watcher's thread has stopped, since edits are then never picked up again and a restart is the fix.
 */
public final class KnowledgeHealthCheck implements HealthCheck {
    private final String store;
    private final Supplier<OptionalInt> chunks;
    private final Supplier<Optional<KnowledgeWatcher.Status>> status;

    /**
     * @param store what the store runs on (the knowledge base's description)
     * @param chunks how many chunks the store holds; empty before anything opened it
     * @param status the running watcher's status; empty when the knowledge base is not watched
     */
    public KnowledgeHealthCheck(
            String store, Supplier<OptionalInt> chunks, Supplier<Optional<KnowledgeWatcher.Status>> status) {
        this.store = Objects.requireNonNull(store, "store");
        this.chunks = Objects.requireNonNull(chunks, "chunks");
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
        var response = HealthCheckResponse.builder().detail("store", store);
        Optional<String> unreadable = countChunks(response);
        Optional<KnowledgeWatcher.Status> current = status.get();
        if (current.isEmpty()) {
            response.status(true).detail("state", unreadable.isEmpty() ? "not_watched" : "degraded");
            unreadable.ifPresent(error -> response.detail("error", error));
            return response.build();
        }
        KnowledgeWatcher.Status s = current.get();
        KnowledgeWatcher.State state = unreadable.isPresent() && s.state() == KnowledgeWatcher.State.OK
                ? KnowledgeWatcher.State.DEGRADED
                : s.state();
        response.status(state != KnowledgeWatcher.State.STOPPED)
                .detail("state", state.name().toLowerCase(Locale.ROOT));
        s.lastSync().ifPresent(sync -> response.detail("lastSync", sync.line()));
        if (!s.skipped().isEmpty()) {
            response.detail("skippedFiles", s.skipped().size());
            response.detail(
                    "skipped",
                    s.skipped().stream()
                            .map(f -> f.document() + ": " + f.reason())
                            .collect(Collectors.joining("; ")));
        }
        s.error().or(() -> unreadable).ifPresent(error -> response.detail("error", error));
        return response.build();
    }

    /** Adds {@code chunks} when the store is open; says why not when it cannot be read. */
    private Optional<String> countChunks(HealthCheckResponse.Builder response) {
        try {
            chunks.get().ifPresent(n -> response.detail("chunks", n));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("the store cannot be read: " + e.getMessage());
        }
    }
}
