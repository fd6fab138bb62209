package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allow-lists name things that exist: real parser fields, real DuckDB functions. */
class SqlAllowListTest {

    @Test
    void everyRuleNamesFieldsTheParserClassesReallyHave() {
        SqlAllowedNodes.all().forEach((type, rule) -> {
            Set<String> fields = new HashSet<>();
            for (Field f : QueryWalker.fields(type)) {
                fields.add(f.getName());
            }
            // the operator flags and a list's name are shared by several classes; each holds some of them
            Set<String> own = new HashSet<>(rule.kept());
            own.removeAll(Set.of("operator", "useOperator", "not", "op", "operatorType", "likeKeyWord", "escape"));
            own.remove("name");
            assertThat(fields)
                    .as(type.getSimpleName())
                    .containsAll(rule.walked())
                    .containsAll(own);
        });
    }

    @Test
    void everyDuckdbFunctionOnTheListExistsInDuckdbWithTheListedKind() throws Exception {
        Set<String> callable = new HashSet<>();
        Set<String> tableFunctions = new HashSet<>();
        Set<String> types = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("SELECT DISTINCT function_name, function_type FROM duckdb_functions()")) {
                while (rs.next()) {
                    (rs.getString(2).equals("table") ? tableFunctions : callable).add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT lower(type_name) FROM duckdb_types()")) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        Set<String> keywordFunctions = Set.of("coalesce", "if", "ifnull", "nullif", "current_date", "unnest");
        assertThat(SqlDialect.DUCKDB.section("function"))
                .allSatisfy(name -> assertThat(callable.contains(name) || keywordFunctions.contains(name))
                        .as(name)
                        .isTrue());
        assertThat(tableFunctions).containsAll(SqlDialect.DUCKDB.section("table"));
        assertThat(SqlDialect.DUCKDB.section("type"))
                .allSatisfy(name -> assertThat(types.contains(name) || name.contains(" ") || name.equals("datetime"))
                        .as(name)
                        .isTrue());
    }

    @Test
    void nothingThatReadsFilesSleepsOrRunsSqlFromTextIsOnAnyList() {
        for (SqlDialect dialect : SqlDialect.values()) {
            Set<String> all = new HashSet<>(dialect.section("function"));
            all.addAll(dialect.section("table"));
            assertThat(all)
                    .as(dialect.name())
                    .noneMatch(name -> name.startsWith("read_")
                            || name.startsWith("pg_")
                            || name.startsWith("duckdb_")
                            || name.startsWith("pragma_")
                            || name.startsWith("lo_")
                            || name.contains("sleep")
                            || name.contains("advisory")
                            || name.endsWith("_to_xml")
                            || name.contains("serialize")
                            || name.contains("setting")
                            || name.equals("query")
                            || name.equals("glob")
                            || name.equals("nextval"));
        }
    }

    @Test
    void aWarehouseOfAnotherKindGetsOnlyWhatEveryListedDialectAllows() {
        assertThat(SqlDialect.forJdbcUrl("jdbc:postgresql://db/x")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.forJdbcUrl("jdbc:duckdb:/tmp/x.db")).isEqualTo(SqlDialect.DUCKDB);
        assertThat(SqlDialect.forJdbcUrl("jdbc:mysql://db/x")).isEqualTo(SqlDialect.STANDARD);
        assertThat(SqlDialect.STANDARD.section("function"))
                .contains("sum", "count", "coalesce", "round")
                .doesNotContain("date_diff", "to_char");
        assertThat(SqlDialect.DUCKDB.section("function")).containsAll(SqlDialect.STANDARD.section("function"));
    }
}
