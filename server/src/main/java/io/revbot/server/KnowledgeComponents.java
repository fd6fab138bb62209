package io.revbot.server;

import static io.revbot.server.Components.lazy;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.helidon.health.HealthCheck;
import io.revbot.ingest.Embedder;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.ingest.KnowledgeWatcher;
import io.revbot.server.config.Config;
import io.revbot.server.http.KnowledgeHealthCheck;
import io.revbot.tools.knowledge.KnowledgeSearch;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the knowledge base: pgvector when a vector database is configured, else in memory under
 * {@code REVBOT_HOME}; MiniLM in process or Titan on Bedrock for embeddings. The constructor does no I/O, nor does
 * building the knowledge base: the embedding model loads and the store connects on the first ingest or search.
 */
final class KnowledgeComponents {
    private final Config config;
    private final Closeables closeables;
    private final Supplier<KnowledgeBase> knowledgeBase = lazy(this::buildKnowledgeBase);
    private volatile KnowledgeWatcher watcher;
    private final Supplier<Embedder> miniLm = lazy(Embedder::miniLm);

    KnowledgeComponents(Config config, Closeables closeables) {
        this.config = config;
        this.closeables = closeables;
    }

    KnowledgeBase knowledgeBase() {
        return knowledgeBase.get();
    }

    KnowledgeSearch knowledgeSearch() {
        return knowledgeBase().search();
    }

    /**
     * The in-process all-MiniLM-L6-v2 model, loaded once for the process: the knowledge base's embeddings (unless
     * Titan is configured) and the router's embedding tier share it.
     */
    EmbeddingModel miniLm() {
        return miniLm.get().model();
    }

    KnowledgeWatcher startKnowledgeWatcher() {
        KnowledgeWatcher started = closeables.add(knowledgeBase().watcher().start());
        watcher = started;
        return started;
    }

    /**
     * A start-up step: checks the store's backend (a PostgreSQL without pgvector stops start-up here, with one line
     * naming the fix) and logs what it runs on.
     */
    void checkStore() {
        String store = knowledgeBase().checkStore();
        System.getLogger(Components.class.getName())
                .log(
                        System.Logger.Level.INFO,
                        "knowledge store: " + store + ", folder "
                                + config.knowledge().knowledgeDir());
    }

    /** The {@code knowledge} health check: the store, and the watcher's state once {@code serve} started it. */
    HealthCheck healthCheck() {
        KnowledgeBase kb = knowledgeBase();
        return new KnowledgeHealthCheck(
                kb.describe(),
                kb::storedChunks,
                () -> Optional.ofNullable(watcher).map(KnowledgeWatcher::status));
    }

    private KnowledgeBase buildKnowledgeBase() {
        Config.KnowledgeConfig knowledge = config.knowledge();
        Supplier<Embedder> embedder = switch (knowledge.embeddings()) {
            case MINILM -> miniLm;
            case TITAN ->
                () -> Embedder.titan(config.model().awsRegion(), config.model().bedrockEndpoint());
        };
        return closeables.add(config.storage()
                .vectorDatabaseUrl()
                .map(url -> KnowledgeBase.pgvector(knowledge.knowledgeDir(), url, embedder))
                .orElseGet(() -> KnowledgeBase.embedded(
                        knowledge.knowledgeDir(), config.storage().home(), embedder)));
    }
}
