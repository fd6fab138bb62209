package io.revbot.tools.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.tools.warehouse.Warehouse.Column;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.math.BigDecimal;
import java.util.List;

/**
 * A query result as compact JSON: {@code {"columns":[{"name","type"}],"rows":[[…]],"row_count":n,"truncated":b}}.
 * Rows are arrays in column order (no repeated keys), dates are ISO strings, arrays are JSON arrays, long texts are
 * shortened, and the whole answer stays within a character budget so a wide result cannot flood the model's
 * context. A truncated result carries a {@code note} saying why: the row cap, the byte cap ("truncated at N
 * bytes") or the character budget.
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters of one text value shown to the model; longer values end in an ellipsis. */
    public static final int MAX_CELL_CHARS = 2_000;

    private ResultJson() {}

    /** The JSON text of a result, with the number of rows it holds and whether rows were left out. */
    public record Rendered(String json, int rows, boolean truncated) {}

    /** The JSON text of {@code result}, dropping trailing rows (and saying so) beyond {@code maxChars}. */
    public static String of(QueryResult result, int maxChars) {
        return render(result, maxChars).json();
    }

    public static Rendered render(QueryResult result, int maxChars) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode columns = root.putArray("columns");
        for (Column c : result.columns()) {
            columns.addObject().put("name", c.name()).put("type", c.type());
        }
        ArrayNode rows = root.putArray("rows");
        int budget = maxChars - 200;
        int used = columns.toString().length();
        boolean truncated = result.truncated();
        for (List<Object> row : result.rows()) {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            for (Object value : row) {
                add(node, value);
            }
            int size = node.toString().length() + 1;
            if (used + size > budget) {
                truncated = true;
                break;
            }
            used += size;
            rows.add(node);
        }
        root.put("row_count", rows.size());
        root.put("truncated", truncated);
        if (result.truncatedAtBytes() > 0) {
            root.put(
                    "note",
                    "Truncated at " + result.truncatedAtBytes() + " bytes: only the first " + rows.size()
                            + " rows are shown. Aggregate, filter, or select fewer and shorter columns.");
        } else if (truncated) {
            root.put(
                    "note",
                    "Only the first " + rows.size() + " rows are shown; the full result is larger. Aggregate, filter"
                            + " or add a LIMIT instead of reading raw rows.");
        }
        try {
            return new Rendered(JSON.writeValueAsString(root), rows.size(), truncated);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(ArrayNode node, Object value) {
        switch (value) {
            case null -> node.addNull();
            case Long l -> node.add(l);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    node.addNull();
                } else {
                    node.add(d);
                }
            }
            case BigDecimal d -> node.add(d);
            case Boolean b -> node.add(b);
            case String s -> node.add(s.length() > MAX_CELL_CHARS ? s.substring(0, MAX_CELL_CHARS) + "…" : s);
            case List<?> list -> {
                ArrayNode array = node.addArray();
                for (Object element : list) {
                    add(array, element);
                }
            }
            default -> node.add(value.toString());
        }
    }
}
