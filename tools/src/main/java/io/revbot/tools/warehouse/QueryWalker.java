package io.revbot.tools.warehouse;

import io.revbot.tools.warehouse.SqlAllowedNodes.Check;
import io.revbot.tools.warehouse.SqlAllowedNodes.Rule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Walks a parsed query against {@link SqlAllowedNodes}: every node must be of a listed class with no field set
 * beyond those listed for it; functions, table functions and cast types must be allowed in the dialect; every table
 * must be a CTE in scope or one of the warehouse's own tables. The walk is generic (reflection over the parser's
 * fields) so that syntax nobody listed is refused rather than skipped. One walker per statement.
 */
final class QueryWalker {
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final SqlDialect dialect;
    private final TableCatalog catalog;
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    QueryWalker(SqlDialect dialect, TableCatalog catalog) {
        this.dialect = dialect;
        this.catalog = catalog;
    }

    /** @throws SqlRefusedException naming the first construct that is not allowed */
    void check(Object node) {
        walk(node);
    }

    /** Checks a table named outside a query ({@code DESCRIBE t}). */
    void checkTable(Table table) {
        checkTableName(table);
    }

    private void walk(Object value) {
        if (value == null || isLeaf(value) || !seen.add(value)) {
            return;
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            walk(entry.getKey());
            walk(entry.getValue());
            return;
        }
        boolean parserNode = value.getClass().getName().startsWith("net.sf.jsqlparser.");
        if (!parserNode) {
            if (value instanceof Collection<?> list) {
                list.forEach(this::walk);
            }
            return; // anything else outside the parser's tree holds no SQL
        }
        Rule rule = SqlAllowedNodes.rule(value.getClass())
                .orElseThrow(() -> new SqlRefusedException(
                        SqlAllowedNodes.nodeName(value.getClass()) + " is not allowed in a query"));
        switch (rule.check()) {
            case NONE -> {}
            case SELECT -> {
                walkSelect((Select) value, rule);
                return;
            }
            case WITH_ITEM -> checkWithItem((WithItem<?>) value);
            case TABLE -> checkTableName((Table) value);
            case TABLE_FUNCTION -> {
                checkTableFunction((TableFunction) value);
                return;
            }
            case FUNCTION -> checkFunction((Function) value);
            case ANALYTIC -> checkFunctionName(((AnalyticExpression) value).getName(), "function");
            case CAST -> checkCast((CastExpression) value);
        }
        walkFields(value, rule, Set.of());
        if (value instanceof Collection<?> list) {
            list.forEach(this::walk);
        }
    }

    /** A query's own WITH list first, each CTE name visible to the ones after it and to the query's body. */
    private void walkSelect(Select select, Rule rule) {
        Set<String> scope = new HashSet<>();
        cteScopes.push(scope);
        try {
            List<WithItem<?>> withItems = select.getWithItemsList();
            if (withItems != null) {
                for (WithItem<?> item : withItems) {
                    walk(item);
                    scope.add(unquote(item.getAlias().getName()).toLowerCase(Locale.ROOT));
                }
            }
            walkFields(select, rule, Set.of("withItemsList"));
        } finally {
            cteScopes.pop();
        }
    }

    private void walkFields(Object node, Rule rule, Set<String> handled) {
        for (Field field : fields(node.getClass())) {
            String name = field.getName();
            if (handled.contains(name)) {
                continue;
            }
            Object value = read(field, node);
            if (value instanceof Alias alias) {
                checkAlias(alias);
            }
            if (rule.kept().contains(name)) {
                continue;
            }
            if (rule.walked().contains(name)) {
                walk(value);
            } else if (!isDefault(value)) {
                throw new SqlRefusedException(
                        SqlAllowedNodes.clauseName(field.getDeclaringClass(), node.getClass(), name)
                                + " is not allowed in a query");
            }
        }
    }

    /**
     * A string as a name ({@code AS 'x'}) is refused: it is also how JSqlParser reads PostgreSQL's typed literals
     * ({@code regproc 'pg_sleep'}), which would cast to a type outside the list.
     */
    private static void checkAlias(Alias alias) {
        String name = alias.getName();
        if (name != null && name.startsWith("'")) {
            throw new SqlRefusedException("name columns and tables with identifiers, not strings: " + name
                    + " (a word before a string is also a typed literal in PostgreSQL)");
        }
    }

    private void checkWithItem(WithItem<?> item) {
        if (!(item.getParenthesedStatement() instanceof ParenthesedSelect)) {
            throw new SqlRefusedException("a WITH clause may hold only SELECTs, not writes");
        }
    }

    private void checkFunction(Function function) {
        List<String> parts = function.getMultipartName();
        if (parts != null && parts.size() > 1) {
            throw new SqlRefusedException(
                    "call functions by their plain name, without a schema or a dot: " + String.join(".", parts) + "()");
        }
        checkFunctionName(function.getName(), "function");
    }

    private void checkFunctionName(String name, String kind) {
        String lower = name == null ? "" : unquote(name).toLowerCase(Locale.ROOT);
        boolean allowed =
                kind.equals("table function") ? dialect.allowsTableFunction(lower) : dialect.allowsFunction(lower);
        if (!allowed) {
            throw new SqlRefusedException("the " + kind + " " + lower + "() is not allowed: only the " + kind
                    + "s listed as safe for analytics on " + dialect.displayName() + " can be called");
        }
    }

    /** The generating function must be listed; its arguments are ordinary expressions. */
    private void checkTableFunction(TableFunction tableFunction) {
        Function function = tableFunction.getFunction() != null ? tableFunction.getFunction() : tableFunction;
        List<String> parts = function.getMultipartName();
        if (parts != null && parts.size() > 1) {
            throw new SqlRefusedException("call table functions by their plain name: " + String.join(".", parts));
        }
        checkFunctionName(function.getName(), "table function");
        seen.add(function);
        walkFields(function, new Rule(Check.NONE, Set.of("parameters"), Set.of("nameparts")), Set.of());
        if (function != tableFunction) {
            walkFields(tableFunction, SqlAllowedNodes.rule(TableFunction.class).orElseThrow(), Set.of());
        }
    }

    private void checkCast(CastExpression cast) {
        ColDataType type = cast.getColDataType();
        if (type == null
                || cast.getColumnDefinitions() != null
                        && !cast.getColumnDefinitions().isEmpty()) {
            throw new SqlRefusedException("this form of CAST is not allowed");
        }
        String name = type.getDataType()
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .strip();
        if (!dialect.allowsCastType(unquote(name))) {
            throw new SqlRefusedException("casting to " + name + " is not allowed: only the types listed for "
                    + dialect.displayName() + " can be named in a CAST");
        }
    }

    private void checkTableName(Table table) {
        List<String> parts = new ArrayList<>();
        for (String part : table.getFullyQualifiedName().split("\\.", -1)) {
            String name = unquote(part);
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                throw new SqlRefusedException("\"" + name + "\" is not a table name; only tables can be read");
            }
            parts.add(name);
        }
        if (parts.size() > 2) {
            throw new SqlRefusedException("name tables as table or schema.table, not " + String.join(".", parts));
        }
        Optional<String> schema = parts.size() == 2 ? Optional.of(parts.get(0)) : Optional.empty();
        String name = parts.get(parts.size() - 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (schema.isEmpty() && cteScopes.stream().anyMatch(scope -> scope.contains(lower))) {
            return;
        }
        if (schema.isEmpty() && dialect == SqlDialect.POSTGRESQL && lower.startsWith("pg_")) {
            // PostgreSQL searches pg_catalog before every other schema: pg_x names its system view first
            throw new SqlRefusedException(
                    name + " names a PostgreSQL system view; qualify your own table with its" + " schema");
        }
        if (!catalog.contains(schema, name)) {
            throw new SqlRefusedException((schema.map(s -> s + ".").orElse("") + name)
                    + " is not one of the warehouse's tables: only its own tables and views can be read"
                    + " (list_tables shows them)");
        }
    }

    static String unquote(String name) {
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\""))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>
                || value instanceof java.util.Date
                || value instanceof Node;
    }

    private static boolean isDefault(Object value) {
        return switch (value) {
            case null -> true;
            case Boolean b -> !b;
            case Number n -> n.longValue() == 0 && n.doubleValue() == 0;
            case Character c -> c == 0;
            case CharSequence s -> s.isEmpty();
            case Collection<?> c -> c.isEmpty();
            case Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }

    private static Object read(Field field, Object node) {
        try {
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    /** The instance fields a node carries, declared by the parser's classes (not by ArrayList or Object). */
    static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null && c.getName().startsWith("net.sf.jsqlparser."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !Node.class.isAssignableFrom(f.getType())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        });
    }
}
