package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The side doors that a deny-list let through, family by family, refused in every dialect with a message naming
 * what was refused. The same statements run against real databases in {@code DuckDbWarehouseTest} and
 * {@code JdbcWarehouseIT}.
 */
class HostileSqlTest {
    /** One hostile statement and the name its refusal must mention. */
    record Case(String family, String sql, String named) {}

    static final List<Case> CASES = List.of(
            // PostgreSQL: functions that run SQL handed to them as text
            new Case("xml", "SELECT query_to_xml('select pg_sleep(2)', true, true, '')", "query_to_xml"),
            new Case("xml", "SELECT query_to_xml('select pg_advisory_lock(4242)', true, true, '')", "query_to_xml"),
            new Case("xml", "SELECT table_to_xml('opportunity_d', true, true, '')", "table_to_xml"),
            new Case("xml", "SELECT database_to_xml(true, true, '')", "database_to_xml"),
            new Case("xml", "SELECT schema_to_xml('public', true, true, '')", "schema_to_xml"),
            new Case("xml", "SELECT cursor_to_xml('c', 1, true, true, '')", "cursor_to_xml"),
            new Case(
                    "xml",
                    "SELECT stage_name FROM opportunity_d WHERE query_to_xml('select 1', true, true, '') IS NOT NULL",
                    "query_to_xml"),
            new Case("xml", "SELECT x FROM (SELECT query_to_xml('select 1', true, true, '') AS x) t", "query_to_xml"),
            // sleeping
            new Case("sleep", "SELECT pg_sleep(2)", "pg_sleep"),
            new Case("sleep", "SELECT pg_sleep_for('2 seconds')", "pg_sleep_for"),
            new Case("sleep", "SELECT count(*) FROM opportunity_d WHERE pg_sleep(1) IS NULL", "pg_sleep"),
            new Case("sleep", "SELECT sleep_ms(2000)", "sleep_ms"),
            new Case("sleep", "WITH s AS (SELECT pg_sleep(1) AS z) SELECT * FROM s", "pg_sleep"),
            // advisory locks
            new Case("advisory lock", "SELECT pg_advisory_lock(4242)", "pg_advisory_lock"),
            new Case("advisory lock", "SELECT pg_try_advisory_lock(4242)", "pg_try_advisory_lock"),
            new Case("advisory lock", "SELECT pg_advisory_lock_shared(4242)", "pg_advisory_lock_shared"),
            new Case("advisory lock", "SELECT pg_advisory_xact_lock(4242)", "pg_advisory_xact_lock"),
            new Case("advisory lock", "SELECT max(pg_advisory_lock(amount::bigint)) FROM opportunity_d", "pg_advisory"),
            // files and directories
            new Case("files", "SELECT pg_ls_dir('.')", "pg_ls_dir"),
            new Case("files", "SELECT * FROM pg_ls_dir('/')", "pg_ls_dir"),
            new Case("files", "SELECT pg_read_file('/etc/passwd')", "pg_read_file"),
            new Case("files", "SELECT pg_stat_file('/etc/passwd')", "pg_stat_file"),
            new Case("files", "SELECT lo_import('/etc/passwd')", "lo_import"),
            new Case("files", "SELECT * FROM read_csv('/etc/passwd')", "read_csv"),
            new Case("files", "SELECT * FROM read_text('/root/.aws/credentials')", "read_text"),
            new Case("files", "SELECT * FROM glob('/home/*')", "glob"),
            new Case("files", "SELECT * FROM read_parquet('s3://bucket/x.parquet')", "read_parquet"),
            // SQL executed from serialized text
            new Case(
                    "serialized sql",
                    "SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT * FROM duckdb_settings()'))",
                    "json_execute_serialized_sql"),
            new Case("serialized sql", "SELECT json_serialize_sql('SELECT 1')", "json_serialize_sql"),
            new Case("serialized sql", "SELECT * FROM query('SELECT 1')", "query"),
            new Case("serialized sql", "SELECT * FROM query_table('opportunity_d')", "query_table"),
            // catalog, settings and session functions
            new Case("catalog functions", "SELECT * FROM duckdb_databases()", "duckdb_databases"),
            new Case("catalog functions", "SELECT * FROM duckdb_settings()", "duckdb_settings"),
            new Case("catalog functions", "SELECT * FROM duckdb_secrets()", "duckdb_secrets"),
            new Case("catalog functions", "SELECT * FROM pragma_table_info('opportunity_d')", "pragma_table_info"),
            new Case("catalog functions", "SELECT current_setting('data_directory')", "current_setting"),
            new Case("catalog functions", "SELECT set_config('search_path', 'x', false)", "set_config"),
            new Case("catalog functions", "SELECT version()", "version"),
            new Case("catalog functions", "SELECT getenv('AWS_SECRET_ACCESS_KEY')", "getenv"),
            // system catalogs named like tables
            new Case("system tables", "SELECT * FROM pragma_database_list", "pragma_database_list"),
            new Case("system tables", "SELECT * FROM duckdb_databases", "duckdb_databases"),
            new Case("system tables", "SELECT * FROM duckdb_tables", "duckdb_tables"),
            new Case("system tables", "SELECT * FROM sqlite_master", "sqlite_master"),
            new Case("system tables", "SELECT * FROM information_schema.tables", "information_schema.tables"),
            new Case("system tables", "SELECT * FROM pg_catalog.pg_settings", "pg_catalog.pg_settings"),
            new Case("system tables", "SELECT * FROM pg_settings", "pg_settings"),
            new Case("system tables", "SELECT query FROM pg_stat_activity", "pg_stat_activity"),
            new Case("system tables", "SELECT * FROM opportunity_d o JOIN pg_class c ON true", "pg_class"),
            new Case(
                    "system tables",
                    "WITH a AS (SELECT * FROM pg_settings), pg_settings AS (SELECT 1) SELECT * FROM a",
                    "pg_settings"),
            new Case(
                    "system tables",
                    "SELECT * FROM (WITH pg_roles AS (SELECT 1) SELECT * FROM pg_roles) t, pg_roles",
                    "pg_roles"),
            // sequences and transactions
            new Case("sequences", "SELECT nextval('seq')", "nextval"),
            new Case("sequences", "SELECT setval('seq', 1)", "setval"),
            new Case("sequences", "SELECT txid_current()", "txid_current"),
            // functions reached through a schema or the dot syntax
            new Case("qualified functions", "SELECT pg_catalog.pg_sleep(1)", "pg_catalog.pg_sleep"),
            new Case("qualified functions", "SELECT main.read_csv('/etc/passwd')", "main.read_csv"),
            new Case("qualified functions", "SELECT public.lower('x')", "public.lower"),
            new Case("qualified functions", "SELECT \"pg_sleep\"(1)", "pg_sleep"),
            // casts to types outside the analytic ones
            new Case("casts", "SELECT 'pg_sleep'::regproc", "regproc"),
            new Case("casts", "SELECT CAST('opportunity_d' AS regclass)", "regclass"),
            new Case("casts", "SELECT '<a/>'::xml", "xml"),
            new Case("casts", "SELECT regproc 'pg_sleep'", "'pg_sleep'"),
            new Case("casts", "SELECT xml '<a/>'", "'<a/>'"));

    static Stream<Arguments> everyCaseInEveryDialect() {
        List<Arguments> arguments = new ArrayList<>();
        for (SqlDialect dialect : SqlDialect.values()) {
            for (Case c : CASES) {
                arguments.add(Arguments.of(dialect, c.family(), c.sql(), c.named()));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("everyCaseInEveryDialect")
    void everyFamilyIsRefusedInEveryDialectNamingWhatWasRefused(
            SqlDialect dialect, String family, String sql, String named) {
        SqlGuard guard = new SqlGuard(dialect, SqlGuardTest.DEMO_TABLES);
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageStartingWith("SQL refused: ")
                .hasMessageContaining(named);
    }

    @Test
    void eachFamilyOfTheIssueHasCases() {
        assertThat(CASES)
                .extracting(Case::family)
                .contains(
                        "xml",
                        "sleep",
                        "advisory lock",
                        "files",
                        "serialized sql",
                        "catalog functions",
                        "system tables");
    }

    @Test
    void aRefusedFunctionIsNamedWithTheDialectWhoseListLacksIt() {
        SqlGuard postgres = new SqlGuard(SqlDialect.POSTGRESQL, SqlGuardTest.DEMO_TABLES);
        assertThatThrownBy(() -> postgres.check("SELECT pg_sleep(2)"))
                .hasMessage("SQL refused: the function pg_sleep() is not allowed: only the functions listed as safe"
                        + " for analytics on PostgreSQL can be called");
        SqlGuard duckdb = new SqlGuard(SqlDialect.DUCKDB, SqlGuardTest.DEMO_TABLES);
        assertThatThrownBy(() -> duckdb.check("SELECT * FROM pragma_database_list"))
                .hasMessage("SQL refused: pragma_database_list is not one of the warehouse's tables: only its own"
                        + " tables and views can be read (list_tables shows them)");
    }
}
