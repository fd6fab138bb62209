package io.revbot.tools.warehouse;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The warehouse's own tables and views: the only relations model-written SQL may read. System catalogs
 * ({@code pg_catalog}, {@code information_schema}, DuckDB's {@code duckdb_*} views, …) are not in it, so a query
 * naming one is refused. Names compare case-insensitively.
 */
public interface TableCatalog {

    /**
     * Whether {@code table} (in {@code schema}, or in any of the warehouse's schemas when empty) is one of the
     * warehouse's own tables or views.
     */
    boolean contains(Optional<String> schema, String table);

    /** A fixed list of unqualified table names, readable in any schema; for tests and the CLI's fixed warehouses. */
    static TableCatalog of(Collection<String> tables) {
        Set<String> names =
                tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return (schema, table) -> names.contains(table.toLowerCase(Locale.ROOT));
    }
}
