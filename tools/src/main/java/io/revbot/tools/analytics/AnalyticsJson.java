package io.revbot.tools.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON of the analyses' records: dates as ISO strings, nulls left out. The model's copy leaves out the SQL (the
 * run's events carry it); {@code --json} prints everything.
 */
public final class AnalyticsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private AnalyticsJson() {}

    /** The record as pretty JSON, SQL included. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** An outcome as JSON: {@code {"outcome": "found" | "ambiguous" | "not_found", …}}. */
    public static String outcome(Outcome<?> outcome, boolean includeQueries) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (outcome) {
            case Outcome.Found<?> found -> {
                node.put("outcome", "found");
                ObjectNode value = MAPPER.valueToTree(found.value());
                if (!includeQueries) {
                    value.remove("queries");
                }
                node.setAll(value);
            }
            case Outcome.Ambiguous<?> ambiguous -> {
                node.put("outcome", "ambiguous");
                node.put("message", ambiguous.message());
                node.set("candidates", MAPPER.valueToTree(ambiguous.candidates()));
            }
            case Outcome.NotFound<?> notFound -> {
                node.put("outcome", "not_found");
                node.put("message", notFound.message());
            }
        }
        return includeQueries ? pretty(node) : compact(node);
    }

    /** A record for the model: compact, SQL left out. */
    public static String forModel(Object value) {
        ObjectNode node = MAPPER.valueToTree(value);
        node.remove("queries");
        return compact(node);
    }

    private static String compact(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise", e);
        }
    }
}
