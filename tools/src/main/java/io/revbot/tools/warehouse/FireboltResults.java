package io.revbot.tools.warehouse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.http.JsonHttp;
import io.revbot.tools.warehouse.Warehouse.Column;
import io.revbot.tools.warehouse.Warehouse.Limits;
import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.ResponseBody;

/**
 * Firebolt's answers ({@code output_format=JSON_Compact}: {@code meta}, {@code data} as arrays, or an error
 * document), read as they stream in: rows are taken one by one until the row cap, the byte cap (measured on the
 * wire) or the timeout, and the rest of the answer is never read.
 */
final class FireboltResults {
    private static final int ERROR_BODY_BYTES = 64 * 1024;

    private FireboltResults() {}

    /** Reads a 2xx answer within {@code limits}; an error document in it becomes an {@link UpstreamException}. */
    static QueryResult read(InputStream body, Limits limits, long started) throws IOException {
        long deadline = started + limits.timeout().toNanos();
        List<Column> columns = new ArrayList<>();
        List<JsonNode> raw = new ArrayList<>();
        ObjectNode errors = JsonNodeFactory.instance.objectNode();
        boolean truncated = false;
        long bytes = 0;
        long truncatedAtBytes = 0;
        try (JsonParser p = JsonHttp.MAPPER.getFactory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new QueryResult(List.of(), List.of(), false, elapsed(started));
            }
            if (first != JsonToken.START_OBJECT) {
                throw new UpstreamException(
                        FireboltHttpWarehouse.SYSTEM, "answered with something that is not a" + " result", false);
            }
            fields:
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("meta") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode m = p.readValueAsTree();
                        columns.add(new Column(
                                m.path("name").asText(), m.path("type").asText()));
                    }
                } else if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        if (System.nanoTime() > deadline) {
                            throw new UpstreamException(
                                    FireboltHttpWarehouse.SYSTEM,
                                    "the answer was still arriving" + " after the "
                                            + limits.timeout().toSeconds() + " s timeout",
                                    true);
                        }
                        if (raw.size() == limits.maxRows()) {
                            truncated = true;
                            break fields;
                        }
                        long before = p.currentTokenLocation().getByteOffset();
                        JsonNode row = p.readValueAsTree();
                        long size = p.currentLocation().getByteOffset() - before;
                        if (bytes + size > limits.maxBytes()) {
                            truncatedAtBytes = limits.maxBytes();
                            break fields;
                        }
                        bytes += size;
                        raw.add(row);
                    }
                } else if (List.of("errors", "error", "message", "code").contains(field)) {
                    errors.set(field, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new UpstreamException(
                    FireboltHttpWarehouse.SYSTEM,
                    "answered with something that is not JSON: " + e.getOriginalMessage(),
                    false,
                    e);
        }
        String error = errorMessage(errors);
        if (error != null) {
            throw new UpstreamException(FireboltHttpWarehouse.SYSTEM, error, false);
        }
        return new QueryResult(
                columns, rows(raw, columns, limits.maxCellChars()), truncated, elapsed(started), truncatedAtBytes);
    }

    private static List<List<Object>> rows(List<JsonNode> raw, List<Column> columns, int maxCellChars) {
        List<List<Object>> rows = new ArrayList<>(raw.size());
        for (JsonNode row : raw) {
            List<Object> values = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                values.add(JdbcValues.cut(
                        FireboltTypes.convert(row.get(i), columns.get(i).type()), maxCellChars));
            }
            rows.add(values);
        }
        return rows;
    }

    /** The beginning of an error answer, enough for its message, without reading a huge body. */
    static String errorBody(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        byte[] start = body.byteStream().readNBytes(ERROR_BODY_BYTES);
        return new String(start, StandardCharsets.UTF_8);
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Firebolt's error documents: {@code {"errors":[{"description":…}]}} or {@code {"error","message","code"}}. */
    static String errorMessage(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            for (JsonNode e : errors) {
                String d = e.path("description").asText(e.path("message").asText(""));
                if (!d.isEmpty()) {
                    messages.add(d);
                }
            }
            return messages.isEmpty() ? errors.toString() : String.join("; ", messages);
        }
        if (json.hasNonNull("message") && (json.has("code") || json.has("error"))) {
            return json.path("message").asText();
        }
        if (json.path("error").isTextual()) {
            return json.path("error").asText();
        }
        return null;
    }

    /** Firebolt's type names to the port's Java values. */
    static final class FireboltTypes {
        private FireboltTypes() {}

        static Object convert(JsonNode v, String type) {
            if (v == null || v.isNull()) {
                return null;
            }
            String t = type.toLowerCase(Locale.ROOT).replace(" null", "").trim();
            if (t.startsWith("nullable(")) {
                t = t.substring(9, t.length() - 1);
            }
            try {
                if (t.equals("int") || t.equals("integer") || t.equals("bigint") || t.equals("long")) {
                    return v.isNumber() ? v.asLong() : Long.parseLong(v.asText());
                }
                if (t.startsWith("double") || t.equals("real") || t.equals("float")) {
                    return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
                }
                if (t.startsWith("numeric") || t.startsWith("decimal")) {
                    return new BigDecimal(v.asText());
                }
                if (t.equals("boolean")) {
                    return v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText()) || "1".equals(v.asText());
                }
                if (t.equals("date") || t.equals("pgdate")) {
                    return java.time.LocalDate.parse(v.asText());
                }
                if (t.equals("timestamp") || t.equals("timestampntz") || t.equals("datetime")) {
                    return java.time.LocalDateTime.parse(v.asText().replace(' ', 'T'));
                }
                if (t.equals("timestamptz")) {
                    return java.time.OffsetDateTime.parse(
                                    normaliseOffset(v.asText().replace(' ', 'T')))
                            .toInstant();
                }
            } catch (RuntimeException unparseable) {
                return v.isValueNode() ? v.asText() : v.toString();
            }
            return v.isValueNode() ? v.asText() : v.toString();
        }

        /** {@code +00} → {@code +00:00}, as Firebolt prints short offsets. */
        private static String normaliseOffset(String s) {
            return s.matches(".*[+-]\\d\\d$") ? s + ":00" : s;
        }
    }
}
