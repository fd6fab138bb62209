package io.revbot.tools.analytics;

import java.util.List;

/** A statement an analysis ran, with its bind parameters and how many rows came back: where a number came from. */
public record ExecutedQuery(String purpose, String sql, List<String> parameters, int rows, boolean truncated) {
    public ExecutedQuery {
        parameters = List.copyOf(parameters);
    }
}
