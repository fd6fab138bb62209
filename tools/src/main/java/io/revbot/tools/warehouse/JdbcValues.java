package io.revbot.tools.warehouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * JDBC values as the types {@link Warehouse.QueryResult} promises: whole numbers as {@code Long}, {@code timestamptz}
 * as {@code Instant}, arrays as lists, XML and JSON as their text, bytes as {@code \x…} hex; everything else as its
 * {@code toString()}. Also measures a value's size for the byte cap.
 */
final class JdbcValues {
    private static final long MAX_LONG_BITS = 63;

    private JdbcValues() {}

    static Object read(ResultSet rs, int i, int type, String typeName) throws SQLException {
        Object value = switch (type) {
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(i, OffsetDateTime.class);
            case Types.TIMESTAMP ->
                isTimestampWithZone(typeName)
                        ? rs.getObject(i, OffsetDateTime.class)
                        : rs.getObject(i, LocalDateTime.class);
            case Types.SQLXML -> xml(rs.getSQLXML(i));
            default -> rs.getObject(i);
        };
        return normalise(value);
    }

    /** PostgreSQL reports {@code timestamptz} as {@code Types.TIMESTAMP}; only its type name tells them apart. */
    private static boolean isTimestampWithZone(String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return name.equals("timestamptz") || name.equals("timestamp with time zone");
    }

    private static String xml(SQLXML xml) throws SQLException {
        if (xml == null) {
            return null;
        }
        try {
            return xml.getString();
        } finally {
            xml.free();
        }
    }

    static Object normalise(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer n -> n.longValue();
            case Short n -> n.longValue();
            case Byte n -> n.longValue();
            case Double d -> d;
            case Float f -> f.doubleValue();
            case BigInteger n -> n.bitLength() <= MAX_LONG_BITS ? (Object) n.longValue() : new BigDecimal(n);
            case BigDecimal d -> d;
            case LocalDate d -> d;
            case LocalDateTime t -> t;
            case Instant t -> t;
            case OffsetDateTime t -> t.toInstant();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case Array a -> list(a);
            case SQLXML x -> xml(x);
            case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
            default -> value.toString();
        };
    }

    private static List<Object> list(Array array) throws SQLException {
        try {
            Object elements = array.getArray();
            List<Object> list = new ArrayList<>();
            if (elements instanceof Object[] objects) {
                for (Object element : objects) {
                    list.add(element instanceof Object[] nested ? nestedList(nested) : normalise(element));
                }
            } else if (elements != null && elements.getClass().isArray()) {
                int length = java.lang.reflect.Array.getLength(elements);
                for (int i = 0; i < length; i++) {
                    list.add(normalise(java.lang.reflect.Array.get(elements, i)));
                }
            }
            return list;
        } finally {
            array.free();
        }
    }

    private static List<Object> nestedList(Object[] elements) throws SQLException {
        List<Object> list = new ArrayList<>();
        for (Object element : elements) {
            list.add(element instanceof Object[] nested ? nestedList(nested) : normalise(element));
        }
        return list;
    }

    /** A text value cut to {@code maxChars}, marked with an ellipsis; lists are cut element by element. */
    static Object cut(Object value, int maxChars) {
        if (value instanceof String s && s.length() > maxChars) {
            return s.substring(0, maxChars) + "…";
        }
        if (value instanceof List<?> list) {
            List<Object> cut = new ArrayList<>(list.size());
            for (Object element : list) {
                cut.add(cut(element, maxChars));
            }
            return cut;
        }
        return value;
    }

    /** The UTF-8 size of a value's text, the measure of the byte cap. */
    static long bytes(Object value) {
        return switch (value) {
            case null -> 4;
            case String s -> utf8Length(s);
            case List<?> list -> {
                long total = 2;
                for (Object element : list) {
                    total += bytes(element) + 1;
                }
                yield total;
            }
            default -> value.toString().getBytes(StandardCharsets.UTF_8).length;
        };
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
