package io.revbot.tools.analytics;

import io.revbot.tools.ToolObserver;
import io.revbot.tools.warehouse.Warehouse;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs an analysis's fixed SQL (bind parameters only) on the warehouse and remembers every statement, so the
 * analysis's record can carry them and the run's events can show them ({@code fact("sql", …)}). One per analysis.
 */
final class QueryTrace {
    static final int MAX_ROWS = 200_000;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Warehouse warehouse;
    private final List<ExecutedQuery> executed = new ArrayList<>();

    QueryTrace(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /** Runs {@code sql} with {@code parameters} and returns its rows as {@link Rows}. */
    Rows query(String purpose, String sql, Object... parameters) {
        List<Object> params = List.of(parameters);
        QueryResult result = warehouse.query(sql, params, MAX_ROWS, TIMEOUT);
        executed.add(new ExecutedQuery(
                purpose,
                sql.strip(),
                params.stream().map(String::valueOf).toList(),
                result.rows().size(),
                result.truncated()));
        ToolObserver observer = ToolObserver.current();
        observer.fact("sql", sql.strip());
        observer.fact("rows", result.rows().size());
        if (result.truncated()) {
            observer.fact("truncated", true);
        }
        return new Rows(result);
    }

    List<ExecutedQuery> executed() {
        return List.copyOf(executed);
    }
}
