package io.revbot.tools.warehouse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The warehouse's own tables and views, read from its {@code information_schema} on first use and again when a
 * name is missing (at most every {@link #REFRESH}), so a table created after start-up becomes readable without a
 * restart. Schemas of the system ({@code information_schema}, {@code pg_catalog} and every {@code pg_*} schema)
 * are left out. Thread-safe.
 */
public final class WarehouseTableCatalog implements TableCatalog {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final String TABLES_SQL = "SELECT table_schema, table_name FROM information_schema.tables";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Warehouse warehouse;
    private final Clock clock;
    private Set<String> qualified = Set.of();
    private Set<String> unqualified = Set.of();
    private Instant loadedAt;

    public WarehouseTableCatalog(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws io.revbot.tools.UpstreamException when the table list cannot be read */
    @Override
    public synchronized boolean contains(Optional<String> schema, String table) {
        if (loadedAt == null) {
            load();
        }
        if (found(schema, table)) {
            return true;
        }
        if (Duration.between(loadedAt, clock.instant()).compareTo(REFRESH) >= 0) {
            load();
            return found(schema, table);
        }
        return false;
    }

    private boolean found(Optional<String> schema, String table) {
        String name = table.toLowerCase(Locale.ROOT);
        return schema.map(s -> qualified.contains(s.toLowerCase(Locale.ROOT) + "." + name))
                .orElseGet(() -> unqualified.contains(name));
    }

    private void load() {
        List<List<Object>> rows = warehouse.query(TABLES_SQL, 100_000, TIMEOUT).rows();
        Set<String> withSchema = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (List<Object> row : rows) {
            String schema = String.valueOf(row.get(0)).toLowerCase(Locale.ROOT);
            String name = String.valueOf(row.get(1)).toLowerCase(Locale.ROOT);
            if (!isSystemSchema(schema)) {
                withSchema.add(schema + "." + name);
                names.add(name);
            }
        }
        qualified = Set.copyOf(withSchema);
        unqualified = Set.copyOf(names);
        loadedAt = clock.instant();
    }

    static boolean isSystemSchema(String lowerCaseSchema) {
        return lowerCaseSchema.equals("information_schema")
                || lowerCaseSchema.equals("pg_catalog")
                || lowerCaseSchema.startsWith("pg_");
    }
}
