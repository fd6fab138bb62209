package io.revbot.server;

import io.revbot.ingest.Embedder;
import io.revbot.ingest.KnowledgeBase;
import io.revbot.ingest.KnowledgeWatcher;
import io.revbot.server.config.Config;
import io.revbot.tools.knowledge.KnowledgeSearch;
import io.revbot.tools.warehouse.DuckDbWarehouse;
import io.revbot.tools.warehouse.JdbcWarehouse;
import io.revbot.tools.warehouse.SqlGuard;
import io.revbot.tools.warehouse.Warehouse;
import io.revbot.tools.warehouse.WarehouseTools;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds RevBot's components from {@link Config}, lazily, so a command builds only what it uses ({@code sql} never
 * touches the model; {@code ask} never starts the web server). The only place that chooses implementations.
 * Constructors elsewhere do no I/O; connections and migrations happen when a component is first asked for.
 */
public final class Components implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public Components(Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    // --- data: warehouse, CRM, calls, web search, actions (issue: revenue data) ---

    private final Supplier<Warehouse> warehouse = lazy(this::buildWarehouse);
    private final Supplier<WarehouseTools> warehouseTools = lazy(this::buildWarehouseTools);

    /** The configured warehouse: the demo DuckDB file (default), any JDBC URL, or Firebolt. */
    public Warehouse warehouse() {
        return warehouse.get();
    }

    /** {@code run_sql}, {@code list_tables}, {@code describe_table}, {@code sample_rows} over {@link #warehouse()}. */
    public WarehouseTools warehouseTools() {
        return warehouseTools.get();
    }

    private WarehouseTools buildWarehouseTools() {
        return new WarehouseTools(
                warehouse(),
                new SqlGuard(),
                config.knowledge().knowledgeDir(),
                config.warehouse().rowLimit(),
                config.warehouse().statementTimeout());
    }

    private Warehouse buildWarehouse() {
        Config.WarehouseConfig c = config.warehouse();
        return closeLater(
                switch (c.kind()) {
                    case DEMO ->
                        new DuckDbWarehouse(
                                DuckDbWarehouse.demoFile(config.storage().home()), clock);
                    case JDBC -> new JdbcWarehouse(c.jdbcUrl().orElseThrow());
                    case FIREBOLT ->
                        throw new UnsupportedOperationException(
                                "REVBOT_WAREHOUSE=firebolt: FireboltHttpWarehouse is added by the integrations work");
                });
    }

    // --- knowledge base (issue: knowledge base) ---

    private final Supplier<KnowledgeBase> knowledgeBase = lazy(this::buildKnowledgeBase);

    private KnowledgeBase buildKnowledgeBase() {
        Config.KnowledgeConfig knowledge = config.knowledge();
        Supplier<Embedder> embedder = switch (knowledge.embeddings()) {
            case MINILM -> Embedder::miniLm;
            case TITAN ->
                () -> Embedder.titan(config.model().awsRegion(), config.model().bedrockEndpoint());
        };
        return closeLater(config.storage()
                .vectorDatabaseUrl()
                .map(url -> KnowledgeBase.pgvector(knowledge.knowledgeDir(), url, embedder))
                .orElseGet(() -> KnowledgeBase.embedded(
                        knowledge.knowledgeDir(), config.storage().home(), embedder)));
    }

    /** The knowledge base: pgvector when REVBOT_VECTOR_DATABASE_URL (or REVBOT_DATABASE_URL) is set, else in-memory. */
    public KnowledgeBase knowledgeBase() {
        return knowledgeBase.get();
    }

    /** The port behind the agents' {@code knowledge_search} tool ({@code new KnowledgeTools(knowledgeSearch())}). */
    public KnowledgeSearch knowledgeSearch() {
        return knowledgeBase().search();
    }

    /**
     * For {@code serve}: ingests in the background now (nothing is embedded when the folder did not change) and after
     * every edit of the folder; stopped when the components close.
     */
    public KnowledgeWatcher startKnowledgeWatcher() {
        return closeLater(knowledgeBase().watcher().start());
    }

    // --- analytics (issue: analytics) ---

    // --- supervisor, models, sessions (issue: supervisor) ---

    // --- recording and export (issue: conversation monitoring) ---

    // --- server: queue, Slack, webhook API, delivery (issue: server) ---

    /** Registers something to close when the components are closed (in reverse order of registration). */
    <T extends AutoCloseable> T closeLater(T closeable) {
        synchronized (closeables) {
            closeables.add(closeable);
        }
        return closeable;
    }

    /** Memoises a component: built on first {@code get()}, once, even when asked concurrently. */
    static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = Objects.requireNonNull(factory.get(), "factory returned null");
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (closeables) {
            toClose = new ArrayList<>(closeables);
            closeables.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                System.getLogger(Components.class.getName())
                        .log(System.Logger.Level.WARNING, "closing " + toClose.get(i) + " failed: " + e);
            }
        }
    }
}
