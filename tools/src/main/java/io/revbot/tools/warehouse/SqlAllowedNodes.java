package io.revbot.tools.warehouse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.OrderByClause;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.PartitionByClause;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.WindowRange;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseAnd;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseOr;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.IntegerDivision;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.conditional.XorExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ContainedBy;
import net.sf.jsqlparser.expression.operators.relational.Contains;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * The allow-list of the SQL guard, as data: every class of JSqlParser's syntax tree that an analytic query may
 * contain, which of its fields the guard walks into, which it accepts as plain values (names, flags), and which
 * semantic check applies. A class not listed here, or a listed class with any other field set, is refused: new
 * syntax is refused until someone decides it is safe and lists it.
 */
final class SqlAllowedNodes {
    /** The semantic check a node gets besides the structural one. */
    enum Check {
        NONE,
        /** A query with its own WITH list: CTE names come into scope one after the other. */
        SELECT,
        WITH_ITEM,
        TABLE,
        TABLE_FUNCTION,
        FUNCTION,
        ANALYTIC,
        CAST
    }

    /**
     * @param walked fields holding sub-trees, checked recursively
     * @param kept fields that may hold plain values (names, flags, qualifiers) and are not walked
     */
    record Rule(Check check, Set<String> walked, Set<String> kept) {}

    private static final Set<String> SELECT_TAIL = Set.of("orderByElements", "limit", "offset", "fetch");
    private static final Set<String> BINARY = Set.of("leftExpression", "rightExpression");
    private static final Set<String> OPERATOR_FLAGS =
            Set.of("operator", "useOperator", "not", "op", "operatorType", "likeKeyWord", "escape");
    private static final Map<Class<?>, Rule> RULES = new HashMap<>();
    private static final Map<String, String> CLAUSES = new HashMap<>();
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        // queries
        rule(
                PlainSelect.class,
                Check.SELECT,
                union(
                        SELECT_TAIL,
                        Set.of(
                                "distinct",
                                "selectItems",
                                "fromItem",
                                "joins",
                                "where",
                                "groupBy",
                                "having",
                                "qualify",
                                "windowDefinitions")),
                Set.of());
        rule(SetOperationList.class, Check.SELECT, union(SELECT_TAIL, Set.of("selects", "operations")), Set.of());
        rule(ParenthesedSelect.class, Check.SELECT, union(SELECT_TAIL, Set.of("select")), Set.of("alias"));
        rule(LateralSubSelect.class, Check.SELECT, union(SELECT_TAIL, Set.of("select")), Set.of("alias", "prefix"));
        rule(Values.class, Check.NONE, Set.of("expressions"), Set.of("alias"));
        for (Class<?> op : new Class<?>[] {UnionOp.class, IntersectOp.class, ExceptOp.class, MinusOp.class}) {
            rule(op, Check.NONE, Set.of(), Set.of("distinct", "all", "type"));
        }
        rule(WithItem.class, Check.WITH_ITEM, Set.of("statement"), Set.of("alias", "withItemList", "materialized"));
        // FROM
        rule(Table.class, Check.TABLE, Set.of(), Set.of("partItems", "partDelimiters", "alias"));
        rule(TableFunction.class, Check.TABLE_FUNCTION, Set.of(), Set.of("alias", "function", "prefix"));
        rule(ParenthesedFromItem.class, Check.NONE, Set.of("fromItem", "joins"), Set.of("alias"));
        rule(
                Join.class,
                Check.NONE,
                Set.of("fromItem", "onExpressions", "usingColumns"),
                Set.of("outer", "right", "left", "natural", "full", "inner", "simple", "cross", "semi"));
        // select list and clauses
        rule(SelectItem.class, Check.NONE, Set.of("expression"), Set.of("alias"));
        rule(AllColumns.class, Check.NONE, Set.of("exceptColumns", "replaceExpressions"), Set.of("exceptKeyword"));
        rule(
                AllTableColumns.class,
                Check.NONE,
                Set.of("exceptColumns", "replaceExpressions"),
                Set.of("exceptKeyword", "table"));
        rule(Distinct.class, Check.NONE, Set.of("onSelectItems"), Set.of());
        rule(GroupByElement.class, Check.NONE, Set.of("groupByExpressions", "groupingSets"), Set.of());
        rule(OrderByElement.class, Check.NONE, Set.of("expression"), Set.of("asc", "ascDescPresent", "nullOrdering"));
        rule(Limit.class, Check.NONE, Set.of("rowCount", "offset"), Set.of());
        rule(Offset.class, Check.NONE, Set.of("offsetExpression"), Set.of("offsetParam"));
        rule(Fetch.class, Check.NONE, Set.of("expression"), Set.of("fetchParameters", "isFetchParamFirst"));
        // functions and windows
        rule(
                Function.class,
                Check.FUNCTION,
                Set.of("parameters", "orderByElements"),
                Set.of("nameparts", "allColumns", "distinct", "nullHandling", "ignoreNullsOutside"));
        rule(
                AnalyticExpression.class,
                Check.ANALYTIC,
                Set.of("expression", "offset", "defaultValue", "filterExpression", "funcOrderBy", "windowDef"),
                Set.of("name", "allColumns", "type", "distinct", "ignoreNullsOutside", "nullHandling", "windowName"));
        rule(
                WindowDefinition.class,
                Check.NONE,
                Set.of("orderBy", "partitionBy", "windowElement"),
                Set.of("windowName"));
        rule(OrderByClause.class, Check.NONE, Set.of("orderByElements"), Set.of());
        rule(PartitionByClause.class, Check.NONE, Set.of("partitionExpressionList"), Set.of("brackets"));
        rule(WindowElement.class, Check.NONE, Set.of("offset", "range"), Set.of("type"));
        rule(WindowRange.class, Check.NONE, Set.of("start", "end"), Set.of());
        rule(WindowOffset.class, Check.NONE, Set.of("expression"), Set.of("type"));
        // expressions
        rule(Column.class, Check.NONE, Set.of("arrayConstructor"), Set.of("columnName", "table", "tableDelimiter"));
        rule(
                CastExpression.class,
                Check.CAST,
                Set.of("leftExpression"),
                Set.of("colDataType", "isImplicitCast", "keyword"));
        rule(
                CaseExpression.class,
                Check.NONE,
                Set.of("switchExpression", "whenClauses", "elseExpression"),
                Set.of("usingBrackets"));
        rule(WhenClause.class, Check.NONE, Set.of("whenExpression", "thenExpression"), Set.of());
        rule(
                IntervalExpression.class,
                Check.NONE,
                Set.of("expression"),
                Set.of("intervalKeyword", "parameter", "intervalType"));
        rule(ExtractExpression.class, Check.NONE, Set.of("expression"), Set.of("name"));
        rule(
                TrimFunction.class,
                Check.NONE,
                Set.of("expression", "fromExpression"),
                Set.of("trimSpecification", "isUsingFromKeyword"));
        rule(SignedExpression.class, Check.NONE, Set.of("expression"), Set.of("sign"));
        rule(NotExpression.class, Check.NONE, Set.of("expression"), Set.of("exclamationMark"));
        rule(InExpression.class, Check.NONE, BINARY, Set.of("not"));
        rule(
                Between.class,
                Check.NONE,
                Set.of("leftExpression", "betweenExpressionStart", "betweenExpressionEnd"),
                Set.of("not"));
        rule(IsNullExpression.class, Check.NONE, Set.of("leftExpression"), Set.of("not", "useIsNull", "useNotNull"));
        rule(IsBooleanExpression.class, Check.NONE, Set.of("leftExpression"), Set.of("not", "isTrue"));
        rule(ExistsExpression.class, Check.NONE, Set.of("rightExpression"), Set.of("not"));
        rule(AnyComparisonExpression.class, Check.NONE, Set.of("select"), Set.of("anyType"));
        rule(CollateExpression.class, Check.NONE, Set.of("leftExpression"), Set.of("collate"));
        rule(TimezoneExpression.class, Check.NONE, Set.of("leftExpression", "timezoneExpressions"), Set.of());
        rule(
                ArrayExpression.class,
                Check.NONE,
                Set.of("objExpression", "indexExpression", "startIndexExpression", "stopIndexExpression"),
                Set.of());
        rule(ArrayConstructor.class, Check.NONE, Set.of("expressions"), Set.of("arrayKeyword"));
        rule(LambdaExpression.class, Check.NONE, Set.of("expression"), Set.of("identifiers"));
        rule(StructType.class, Check.NONE, Set.of("arguments"), Set.of("dialect", "keyword"));
        rule(JsonExpression.class, Check.NONE, Set.of("expr", "idents"), Set.of());
        rule(RowGetExpression.class, Check.NONE, Set.of("expression"), Set.of("columnName"));
        rule(LikeExpression.class, Check.NONE, union(BINARY, Set.of("escapeExpression")), OPERATOR_FLAGS);
        for (Class<?> binary : new Class<?>[] {
            Addition.class,
            Subtraction.class,
            Multiplication.class,
            Division.class,
            IntegerDivision.class,
            Modulo.class,
            Concat.class,
            AndExpression.class,
            OrExpression.class,
            XorExpression.class,
            EqualsTo.class,
            NotEqualsTo.class,
            GreaterThan.class,
            GreaterThanEquals.class,
            MinorThan.class,
            MinorThanEquals.class,
            SimilarToExpression.class,
            RegExpMatchOperator.class,
            IsDistinctExpression.class,
            JsonOperator.class,
            Contains.class,
            ContainedBy.class,
            BitwiseAnd.class,
            BitwiseOr.class,
            BitwiseXor.class
        }) {
            rule(binary, Check.NONE, BINARY, OPERATOR_FLAGS);
        }
        for (Class<?> list : new Class<?>[] {
            ExpressionList.class, ParenthesedExpressionList.class, Parenthesis.class, RowConstructor.class
        }) {
            rule(list, Check.NONE, Set.of(), Set.of("name"));
        }
        // literals
        rule(StringValue.class, Check.NONE, Set.of(), Set.of("value"));
        rule(LongValue.class, Check.NONE, Set.of(), Set.of("stringValue"));
        rule(DoubleValue.class, Check.NONE, Set.of(), Set.of("value", "stringValue"));
        rule(DateValue.class, Check.NONE, Set.of(), Set.of("value"));
        rule(TimeValue.class, Check.NONE, Set.of(), Set.of("value"));
        rule(TimestampValue.class, Check.NONE, Set.of(), Set.of("value", "rawValue"));
        rule(DateTimeLiteralExpression.class, Check.NONE, Set.of(), Set.of("value", "type"));
        rule(TimeKeyExpression.class, Check.NONE, Set.of(), Set.of("stringValue"));
        rule(NullValue.class, Check.NONE, Set.of(), Set.of());
        rule(AllValue.class, Check.NONE, Set.of(), Set.of()); // GROUP BY ALL
        rule(BooleanValue.class, Check.NONE, Set.of(), Set.of("value"));

        clause("PlainSelect.intoTables", "SELECT … INTO (it writes a table)");
        clause("PlainSelect.intoTempTable", "SELECT … INTO (it writes a table)");
        clause("Select.forMode", "FOR UPDATE/SHARE (it takes locks)");
        clause("Select.forUpdateTable", "FOR UPDATE/SHARE (it takes locks)");
        clause("Select.skipLocked", "SKIP LOCKED");
        clause("Select.noWait", "NOWAIT");
        clause("Select.forClause", "FOR XML/JSON");
        clause("Select.isolation", "an isolation clause");
        clause("WithItem.recursive", "WITH RECURSIVE (use generate_series or range for sequences)");
        clause("StringValue.prefix", "prefixed string literals");
        clause("Function.namedParameters", "named function arguments");
        clause("Function.isEscaped", "JDBC escapes ({fn …})");
        names(Map.of(
                net.sf.jsqlparser.expression.JdbcParameter.class, "a bind parameter (?)",
                net.sf.jsqlparser.expression.JdbcNamedParameter.class, "a named bind parameter",
                net.sf.jsqlparser.expression.UserVariable.class, "a session variable",
                net.sf.jsqlparser.expression.NextValExpression.class, "NEXTVAL (it changes a sequence)",
                net.sf.jsqlparser.expression.VariableAssignment.class, "a variable assignment",
                net.sf.jsqlparser.statement.select.FunctionAllColumns.class, "a function's (…).* expansion"));
    }

    private SqlAllowedNodes() {}

    /** The rule for exactly this class (subclasses are not covered by their parent's rule). */
    static Optional<Rule> rule(Class<?> type) {
        return Optional.ofNullable(RULES.get(type));
    }

    /** Every listed class; for tests that check the rules name real fields. */
    static Map<Class<?>, Rule> all() {
        return Map.copyOf(RULES);
    }

    /** How to name a refused field of {@code owner} (declared in {@code declaringClass}) in a message. */
    static String clauseName(Class<?> declaringClass, Class<?> owner, String field) {
        String named = CLAUSES.get(declaringClass.getSimpleName() + "." + field);
        return named != null ? named : "the clause " + field + " of " + owner.getSimpleName();
    }

    /** How to name a refused class of node in a message. */
    static String nodeName(Class<?> type) {
        return NAMES.getOrDefault(type, type.getSimpleName());
    }

    private static void rule(Class<?> type, Check check, Set<String> walked, Set<String> kept) {
        RULES.put(type, new Rule(check, walked, kept));
    }

    private static void clause(String field, String name) {
        CLAUSES.put(field, name);
    }

    private static void names(Map<Class<?>, String> names) {
        NAMES.putAll(names);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
