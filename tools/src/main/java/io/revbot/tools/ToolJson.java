package io.revbot.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compact JSON for tool results: dates as ISO strings, records as objects whose empty {@link Optional}s are left
 * out (the model reads "no field" more reliably than {@code null}).
 */
public final class ToolJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ToolJson() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tool result as JSON", e);
        }
    }

    /** Records to maps, Optionals unwrapped, recursively through maps and collections. */
    static Object plain(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(ToolJson::plain).orElse(null);
        }
        if (value instanceof Record r) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    Object v = plain(c.getAccessor().invoke(r));
                    if (v != null) {
                        m.put(c.getName(), v);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return m;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), plain(v)));
            return m;
        }
        if (value instanceof Collection<?> c) {
            var list = new ArrayList<Object>(c.size());
            c.forEach(v -> list.add(plain(v)));
            return list;
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        return value;
    }
}
