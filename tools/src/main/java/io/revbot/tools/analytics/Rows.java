package io.revbot.tools.analytics;

import io.revbot.tools.warehouse.Warehouse.QueryResult;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A query result read by column name, converting the warehouse's JDBC-like values (any numeric type, dates as
 * {@code LocalDate}, {@code java.sql.Date} or text) to what the analyses need. Nulls stay nulls.
 */
final class Rows {
    private final QueryResult result;

    Rows(QueryResult result) {
        this.result = result;
    }

    int size() {
        return result.rows().size();
    }

    boolean isEmpty() {
        return result.rows().isEmpty();
    }

    boolean truncated() {
        return result.truncated();
    }

    List<Row> all() {
        List<Row> rows = new ArrayList<>(result.rows().size());
        for (List<Object> values : result.rows()) {
            rows.add(new Row(result, values));
        }
        return rows;
    }

    Row first() {
        return new Row(result, result.rows().getFirst());
    }

    /** One row of a result. */
    static final class Row {
        private final QueryResult result;
        private final List<Object> values;

        Row(QueryResult result, List<Object> values) {
            this.result = result;
            this.values = values;
        }

        Object value(String column) {
            return values.get(result.columnIndex(column));
        }

        String string(String column) {
            Object v = value(column);
            return v == null ? null : String.valueOf(v);
        }

        Double decimal(String column) {
            Object v = value(column);
            return switch (v) {
                case null -> null;
                case Number n -> n.doubleValue();
                default -> Double.valueOf(v.toString().trim());
            };
        }

        double decimal(String column, double whenNull) {
            Double d = decimal(column);
            return d == null ? whenNull : d;
        }

        Long integer(String column) {
            Object v = value(column);
            return switch (v) {
                case null -> null;
                case BigDecimal b -> b.longValue();
                case Number n -> n.longValue();
                default -> Long.valueOf(v.toString().trim());
            };
        }

        long integer(String column, long whenNull) {
            Long l = integer(column);
            return l == null ? whenNull : l;
        }

        Boolean bool(String column) {
            Object v = value(column);
            return switch (v) {
                case null -> null;
                case Boolean b -> b;
                case Number n -> n.intValue() != 0;
                default -> Boolean.valueOf(v.toString().trim());
            };
        }

        LocalDate date(String column) {
            Object v = value(column);
            return switch (v) {
                case null -> null;
                case LocalDate d -> d;
                case LocalDateTime t -> t.toLocalDate();
                case Date d -> d.toLocalDate();
                case Timestamp t -> t.toLocalDateTime().toLocalDate();
                case Instant i -> i.atOffset(ZoneOffset.UTC).toLocalDate();
                case OffsetDateTime o -> o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
                default -> LocalDate.parse(v.toString().trim().substring(0, 10));
            };
        }

        LocalDateTime timestamp(String column) {
            Object v = value(column);
            return switch (v) {
                case null -> null;
                case LocalDateTime t -> t;
                case LocalDate d -> d.atStartOfDay();
                case Timestamp t -> t.toLocalDateTime();
                case Date d -> d.toLocalDate().atStartOfDay();
                case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
                case OffsetDateTime o -> o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                default -> LocalDateTime.parse(v.toString().trim().replace(' ', 'T'));
            };
        }
    }
}
