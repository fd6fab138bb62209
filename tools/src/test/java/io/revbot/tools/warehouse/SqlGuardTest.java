package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SqlGuardTest {
    /** The demo warehouse's tables, as {@link WarehouseTableCatalog} would read them. */
    static final TableCatalog DEMO_TABLES = TableCatalog.of(List.of(
            "employee_d",
            "salesforce_account_d",
            "contact_d",
            "lead_d",
            "opportunity_d",
            "opportunity_stage_f",
            "gong_call_f",
            "transcript",
            "organization_d",
            "billing_event_f",
            "consumption_daily_d",
            "agreement_f",
            "customer_credit_f"));

    private final SqlGuard guard = new SqlGuard(SqlDialect.DUCKDB, DEMO_TABLES);

    static final List<String> HOSTILE = List.of(
            // several statements
            "SELECT 1; DROP TABLE opportunity_d",
            "select 1;drop table opportunity_d;",
            "SELECT 1;\n\nDELETE FROM lead_d",
            "SELECT 'a;b'; UPDATE opportunity_d SET amount = 0",
            "SELECT 1;;",
            // writes and DDL
            "DROP TABLE opportunity_d",
            "delete from opportunity_d",
            "UPDATE opportunity_d SET stage_name = 'Closed Won'",
            "INSERT INTO lead_d (lead_id) VALUES ('x')",
            "MERGE INTO lead_d USING lead_d AS s ON true WHEN MATCHED THEN DELETE",
            "TRUNCATE TABLE transcript",
            "CREATE TABLE stolen AS SELECT * FROM contact_d",
            "ALTER TABLE lead_d ADD COLUMN x INT",
            "GRANT SELECT ON lead_d TO public",
            // writes hidden in CTEs (parse as SELECT)
            "WITH d AS (DELETE FROM lead_d RETURNING *) SELECT * FROM d",
            "with x as (update opportunity_d set amount = 0 returning 1) select count(*) from x",
            "WITH i AS (INSERT INTO lead_d (lead_id) VALUES ('x') RETURNING lead_id) SELECT * FROM i",
            "WITH a AS (SELECT 1), b AS (DELETE FROM transcript RETURNING 1) SELECT * FROM a, b",
            "SELECT * FROM (WITH d AS (DELETE FROM lead_d RETURNING *) SELECT * FROM d) t",
            // SELECT INTO and locks
            "SELECT * INTO backup_leads FROM lead_d",
            "select sf_account_id into temp t from salesforce_account_d",
            "SELECT * FROM opportunity_d FOR UPDATE",
            "SELECT * FROM lead_d FOR SHARE",
            // comment tricks
            "SELECT 1 -- ; DROP TABLE lead_d",
            "SELECT 1 /* harmless */",
            "SELECT /*+ hint */ 1",
            "SELECT 1 /*/ DROP TABLE lead_d /*/",
            "SELECT 1 # mysql comment",
            "/**/DELETE FROM lead_d",
            // DuckDB and PostgreSQL side doors
            "COPY opportunity_d TO '/tmp/out.csv'",
            "COPY (SELECT * FROM contact_d) TO 's3://bucket/contacts.parquet'",
            "CALL pragma_version()",
            "SET enable_external_access = true",
            "set memory_limit='100GB'",
            "RESET ALL",
            "ATTACH '/tmp/other.db' AS other",
            "DETACH demo",
            "INSTALL httpfs",
            "LOAD httpfs",
            "PRAGMA database_list",
            "EXPORT DATABASE '/tmp/dump'",
            "IMPORT DATABASE '/tmp/dump'",
            "CHECKPOINT",
            "VACUUM",
            "BEGIN TRANSACTION",
            "COMMIT",
            "ROLLBACK",
            "START TRANSACTION",
            "SAVEPOINT s1",
            "EXPLAIN ANALYZE DELETE FROM lead_d",
            "EXPLAIN DELETE FROM lead_d",
            "PREPARE p AS DELETE FROM lead_d",
            "EXECUTE p",
            "DO $$ BEGIN DELETE FROM lead_d; END $$",
            // functions that read or write files, the network, settings, sessions
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_csv_auto('/etc/passwd')",
            "select * from READ_PARQUET('s3://bucket/x.parquet')",
            "SELECT * FROM read_json_auto('https://example.com/x.json')",
            "SELECT content FROM read_text('/root/.aws/credentials')",
            "SELECT * FROM read_blob('/etc/shadow')",
            "SELECT * FROM glob('/home/*')",
            "SELECT * FROM parquet_scan('/tmp/x.parquet')",
            "SELECT * FROM sqlite_scan('/tmp/x.db', 't')",
            "SELECT * FROM postgres_scan('host=db', 'public', 'users')",
            "SELECT getenv('AWS_SECRET_ACCESS_KEY')",
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT pg_ls_dir('.')",
            "SELECT lo_import('/etc/passwd')",
            "SELECT pg_sleep(1000)",
            "SELECT set_config('search_path', 'evil', false)",
            "SELECT nextval('seq')",
            "SELECT * FROM query('DELETE FROM lead_d')",
            "SELECT * FROM duckdb_secrets()",
            "SELECT main.read_csv('/etc/passwd')",
            "SELECT \"read_csv\"('/etc/passwd')",
            "SELECT * FROM (SELECT * FROM read_csv('/etc/passwd')) t",
            "SELECT (SELECT count(*) FROM read_csv('/etc/passwd'))",
            "WITH f AS (SELECT * FROM read_parquet('/tmp/x.parquet')) SELECT * FROM f",
            // file paths as table names (DuckDB replacement scans)
            "SELECT * FROM \"/etc/passwd.csv\"",
            "SELECT * FROM \"data.parquet\"",
            "SELECT * FROM 'contacts.csv'",
            // case and whitespace games
            "dElEtE fRoM lead_d",
            "  \n\tDROP\n TABLE\tlead_d  ",
            "SeLeCt 1;\tDrOp TaBlE lead_d",
            "WiTh X aS (DeLeTe FrOm lead_d ReTuRnInG *) SeLeCt * FrOm X",
            "select\u00a01;\u00a0drop table lead_d",
            // escapes and quoting differentials
            "SELECT E'\\''; DROP TABLE lead_d; --'",
            "SELECT $$a$$",
            "SELECT $tag$; DROP TABLE lead_d; $tag$",
            "SELECT 'unterminated",
            "SELECT \"unterminated",
            "SELECT `x` FROM lead_d",
            "SELECT 1\u0000; DROP TABLE lead_d",
            "SELECT U&'\\0041'",
            // not queries at all, or unparseable
            "",
            "   ",
            ";",
            "SUMMARIZE lead_d",
            "FROM lead_d DELETE",
            "SELECT FROM WHERE");

    static final List<String> ANALYTIC = List.of(
            "select count(*) from opportunity_d",
            "SELECT stage_name, count(*), sum(amount) FROM opportunity_d GROUP BY stage_name ORDER BY 3 DESC;",
            "SELECT account_region, stage_name, sum(amount) FROM opportunity_d o JOIN salesforce_account_d a USING"
                    + " (sf_account_id) GROUP BY ALL",
            "SELECT * FROM lead_d WHERE company ILIKE '%stream%' LIMIT 10",
            "SELECT date_trunc('month', close_date) AS month, sum(amount * probability / 100.0) AS weighted"
                    + " FROM opportunity_d WHERE stage_name NOT IN ('Closed Won', 'Closed Lost') GROUP BY 1 ORDER BY 1",
            "SELECT sf_account_id, sum(total_cost_usd) FILTER (WHERE consumption_date >= current_date - INTERVAL 30"
                    + " DAY) AS last30 FROM consumption_daily_d GROUP BY ALL",
            "SELECT opportunity_name, amount, rank() OVER (PARTITION BY stage_name ORDER BY amount DESC) AS r FROM"
                    + " opportunity_d QUALIFY r <= 3",
            "WITH usage AS (SELECT sf_account_id, avg(consumed_fbu) AS fbu FROM consumption_daily_d GROUP BY 1)"
                    + " SELECT a.sf_account_name, u.fbu FROM usage u JOIN salesforce_account_d a USING (sf_account_id)",
            "WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT * FROM b",
            "SELECT amount::int, close_date::varchar, probability::float / 100 FROM opportunity_d",
            "SELECT consumption_date, sum(total_cost_usd) OVER (ORDER BY consumption_date ROWS BETWEEN 6 PRECEDING"
                    + " AND CURRENT ROW) FROM consumption_daily_d WHERE sf_account_id = '001Dm0000000001'",
            "SELECT g.gong_call_id, t.text FROM gong_call_f g JOIN transcript t USING (gong_call_id) WHERE t.text"
                    + " ILIKE '%snowflake%' AND g.gong_call_start_ts >= now() - INTERVAL '90 days'",
            "SELECT string_agg(DISTINCT competitors, ', ') FROM opportunity_d",
            "SELECT CASE WHEN amount > 100000 THEN 'large' ELSE 'small' END AS size, count(*) FROM opportunity_d GROUP"
                    + " BY 1",
            "SELECT datediff('day', created_at_ts, closed_at_date) FROM opportunity_d WHERE closed_at_date IS NOT"
                    + " NULL",
            "SELECT * FROM opportunity_d WHERE opportunity_id IN (SELECT opportunity_id FROM opportunity_stage_f"
                    + " WHERE to_stage = 'Negotiate')",
            "SELECT stage_name FROM opportunity_d UNION ALL SELECT to_stage FROM opportunity_stage_f",
            "SELECT coalesce(economic_buyer_status, 'unknown'), count(*) FROM opportunity_d GROUP BY 1",
            "SHOW TABLES",
            "DESCRIBE opportunity_d",
            "EXPLAIN SELECT * FROM lead_d",
            "SELECT 'it''s -- not a comment; DROP TABLE x' AS text",
            "SELECT \"stage_name\" FROM \"opportunity_d\"",
            "SELECT is_deleted, created_date_ts FROM contact_d WHERE contact_email LIKE '%@%'",
            "SELECT replace(sf_account_name, ' ', '_') FROM salesforce_account_d",
            "SELECT regexp_matches(sf_company_domain, '\\.io$') FROM salesforce_account_d",
            "(SELECT 1)",
            "select extract(year from close_date) as y, sum(amount) from opportunity_d group by y");

    /** Analytic SQL as a PostgreSQL warehouse reads it. */
    static final List<String> POSTGRES_ANALYTIC = List.of(
            "SELECT date_trunc('month', close_date)::date AS month, sum(amount) FROM opportunity_d GROUP BY 1"
                    + " ORDER BY 1",
            "SELECT stage_name, round(avg(amount)::numeric, 2), percentile_cont(0.5) WITHIN GROUP (ORDER BY amount)"
                    + " FROM opportunity_d GROUP BY stage_name",
            "SELECT count(*) FILTER (WHERE close_date >= current_date - INTERVAL '90 days') FROM opportunity_d",
            "SELECT to_char(close_date, 'YYYY-MM'), string_agg(DISTINCT stage_name, ', ' ORDER BY stage_name)"
                    + " FROM opportunity_d GROUP BY 1",
            "SELECT d::date AS day, count(o.opportunity_id) FROM generate_series(DATE '2026-01-01', DATE"
                    + " '2026-03-31', INTERVAL '1 day') AS d LEFT JOIN opportunity_d o ON o.close_date = d::date GROUP"
                    + " BY 1",
            "SELECT extract(year FROM close_date) AS y, coalesce(sum(amount), 0) FROM opportunity_d GROUP BY 1",
            "SELECT a.sf_account_name, x.last_close FROM salesforce_account_d a CROSS JOIN LATERAL (SELECT"
                    + " max(close_date) AS last_close FROM opportunity_d o WHERE o.sf_account_id = a.sf_account_id) x",
            "SELECT * FROM opportunity_d o WHERE EXISTS (SELECT 1 FROM gong_call_f g WHERE g.opportunity_id ="
                    + " o.opportunity_id)",
            "SELECT opportunity_id, lag(amount) OVER (PARTITION BY sf_account_id ORDER BY close_date) FROM"
                    + " opportunity_d",
            "SELECT array_agg(stage_name ORDER BY close_date), unnest(ARRAY[1, 2]) FROM opportunity_d",
            "SELECT CASE WHEN amount >= 100000 THEN 'large' ELSE 'small' END, count(*) FROM opportunity_d GROUP BY 1",
            "SELECT now(), current_timestamp, current_date",
            "SELECT public.opportunity_d.amount FROM public.opportunity_d",
            "EXPLAIN SELECT count(*) FROM opportunity_d",
            "SELECT stage_name FROM opportunity_d WHERE stage_name ~* 'nego' AND amount BETWEEN 1 AND 10");

    @ParameterizedTest
    @FieldSource("HOSTILE")
    void hostileStatementsAreRefused(String sql) {
        for (SqlDialect dialect : SqlDialect.values()) {
            assertThatThrownBy(() -> new SqlGuard(dialect, DEMO_TABLES).check(sql))
                    .as(dialect.name())
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageStartingWith("SQL refused: ");
        }
    }

    @ParameterizedTest
    @FieldSource("ANALYTIC")
    void analyticQueriesAreAllowed(String sql) {
        assertThat(guard.check(sql)).isNotBlank().doesNotEndWith(";");
    }

    @ParameterizedTest
    @FieldSource("POSTGRES_ANALYTIC")
    void analyticPostgresQueriesAreAllowedOnPostgres(String sql) {
        assertThat(new SqlGuard(SqlDialect.POSTGRESQL, DEMO_TABLES).check(sql)).isEqualTo(sql);
    }

    @Test
    void showAndDescribeExistOnlyWhereTheDialectHasThem() {
        SqlGuard postgres = new SqlGuard(SqlDialect.POSTGRESQL, DEMO_TABLES);
        assertThatThrownBy(() -> postgres.check("SHOW TABLES")).hasMessageContaining("not SHOW TABLES");
        assertThatThrownBy(() -> postgres.check("SHOW data_directory")).isInstanceOf(SqlRefusedException.class);
        assertThatThrownBy(() -> postgres.check("DESCRIBE opportunity_d")).isInstanceOf(SqlRefusedException.class);
        assertThat(new SqlGuard(SqlDialect.FIREBOLT, DEMO_TABLES).check("SHOW TABLES"))
                .isEqualTo("SHOW TABLES");
        assertThatThrownBy(() -> guard.check("DESCRIBE pg_settings")).hasMessageContaining("pg_settings");
        assertThatThrownBy(() -> guard.check("SHOW ALL TABLES")).isInstanceOf(SqlRefusedException.class);
    }

    @Test
    void onlyTheWarehouseTablesAndCtesInScopeCanBeRead() {
        TableCatalog catalog =
                (schema, table) -> schema.map(s -> s.equals("sales")).orElse(true) && table.equals("opportunity_d");
        SqlGuard guard = new SqlGuard(SqlDialect.POSTGRESQL, catalog);
        assertThat(guard.check("SELECT * FROM sales.opportunity_d")).isNotBlank();
        assertThatThrownBy(() -> guard.check("SELECT * FROM other.opportunity_d"))
                .hasMessageContaining("other.opportunity_d is not one of the warehouse's tables");
        assertThat(guard.check("WITH a AS (SELECT * FROM opportunity_d), b AS (SELECT * FROM a) SELECT * FROM b"))
                .isNotBlank();
        assertThatThrownBy(() -> guard.check("WITH b AS (SELECT * FROM a), a AS (SELECT 1) SELECT * FROM b"))
                .as("a CTE is not visible before its definition")
                .hasMessageContaining("a is not one of the warehouse's tables");
        assertThatThrownBy(() -> guard.check("SELECT * FROM (WITH a AS (SELECT 1) SELECT * FROM a) x, a"))
                .as("nor outside its query")
                .hasMessageContaining("a is not one of the warehouse's tables");
        assertThatThrownBy(() -> guard.check("SELECT * FROM pg_opportunity"))
                .hasMessageContaining("names a PostgreSQL system view");
    }

    @Test
    void constructsOutsideTheAllowListAreRefusedByName() {
        assertThatThrownBy(() -> guard.check("WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r"))
                .hasMessageContaining("WITH RECURSIVE");
        assertThatThrownBy(() -> guard.check("SELECT * FROM lead_d WHERE lead_id = ?"))
                .hasMessageContaining("bind parameter");
        assertThatThrownBy(() -> guard.check("SELECT * FROM lead_d FOR SHARE"))
                .hasMessageContaining("FOR UPDATE/SHARE");
        assertThatThrownBy(() -> guard.check("EXPLAIN ANALYZE SELECT 1")).hasMessageContaining("EXPLAIN options");
        assertThatThrownBy(() -> guard.check("SELECT * FROM lead_d CONNECT BY PRIOR lead_id = lead_name"))
                .isInstanceOf(SqlRefusedException.class);
    }

    /** Places in a query where a function call can sit; {@code §} stands for the call. */
    static final List<String> HIDING_PLACES = List.of(
            "SELECT §",
            "SELECT § AS x FROM lead_d",
            "SELECT * FROM lead_d WHERE § IS NULL",
            "SELECT count(*) FILTER (WHERE § IS NULL) FROM lead_d",
            "SELECT row_number() OVER (PARTITION BY § ORDER BY lead_id) FROM lead_d",
            "SELECT row_number() OVER (ORDER BY §) FROM lead_d",
            "SELECT row_number() OVER w FROM lead_d WINDOW w AS (ORDER BY §)",
            "SELECT sum(1) OVER (ORDER BY lead_id ROWS BETWEEN § PRECEDING AND CURRENT ROW) FROM lead_d",
            "SELECT lead_id FROM lead_d ORDER BY §",
            "SELECT lead_id FROM lead_d LIMIT §",
            "SELECT lead_id FROM lead_d LIMIT 1 OFFSET §",
            "SELECT lead_id FROM lead_d GROUP BY §",
            "SELECT lead_id FROM lead_d GROUP BY GROUPING SETS ((lead_id), (§))",
            "SELECT lead_id FROM lead_d GROUP BY lead_id HAVING § IS NULL",
            "SELECT lead_id FROM lead_d QUALIFY § IS NULL",
            "SELECT CASE WHEN § IS NULL THEN 1 ELSE 2 END",
            "SELECT CASE § WHEN 1 THEN 2 END",
            "SELECT 1 WHERE 1 IN (SELECT §)",
            "SELECT 1 WHERE EXISTS (SELECT §)",
            "SELECT 1 WHERE 1 = ANY (SELECT §)",
            "SELECT 1 WHERE 1 BETWEEN § AND 2",
            "SELECT [§]",
            "SELECT ARRAY[§]",
            "SELECT [1, 2][§]",
            "SELECT list_transform([1], x -> §)",
            "SELECT * FROM (VALUES (§)) v(x)",
            "SELECT * FROM lead_d a JOIN lead_d b ON § IS NULL",
            "SELECT * FROM (lead_d a JOIN lead_d b ON § IS NULL)",
            "SELECT DISTINCT ON (§) lead_id FROM lead_d",
            "SELECT string_agg(lead_id, ',' ORDER BY §) FROM lead_d",
            "SELECT quantile_cont(§, 0.5) FROM lead_d",
            "SELECT extract(year FROM §)",
            "SELECT CAST(§ AS VARCHAR)",
            "SELECT §::VARCHAR",
            "SELECT * REPLACE (§ AS lead_id) FROM lead_d",
            "SELECT trim(§)",
            "SELECT now() AT TIME ZONE §",
            "SELECT now() - § * INTERVAL '1 day'",
            "SELECT -§",
            "SELECT NOT §",
            "SELECT 1 + § * 2",
            "SELECT 'a' || §",
            "SELECT 'a' LIKE §",
            "SELECT 'a' ILIKE 'b' ESCAPE §",
            "SELECT coalesce(1, §)",
            "SELECT * FROM range(§)",
            "SELECT * FROM lead_d, LATERAL (SELECT §) x",
            "WITH c AS (SELECT §) SELECT * FROM c",
            "SELECT 1 UNION ALL SELECT §",
            "SELECT (SELECT §)",
            "SELECT 1 WHERE (1, 2) = (§, 2)",
            "EXPLAIN SELECT §");

    @ParameterizedTest
    @FieldSource("HIDING_PLACES")
    void aCallOutsideTheAllowListIsFoundWhereverItHides(String place) {
        assertThat(guard.check(place.replace("§", "abs(1)")))
                .as("the same place with an allowed call")
                .isNotBlank();
        assertThatThrownBy(() -> guard.check(place.replace("§", "pg_sleep(1)")))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("pg_sleep");
    }

    @Test
    void bracketsNestedTooDeepAreRefusedBeforeParsing() {
        String deep = "SELECT " + "(".repeat(40) + "1" + ")".repeat(40);
        long started = System.nanoTime();
        assertThatThrownBy(() -> guard.check(deep)).hasMessageContaining("nested 40 levels deep");
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Test
    void thereAreEnoughCases() {
        assertThat(HOSTILE).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ANALYTIC).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void refusalsSayWhy() {
        assertThatThrownBy(() -> guard.check("SELECT 1; DROP TABLE x")).hasMessageContaining("one statement");
        assertThatThrownBy(() -> guard.check("SELECT 1 -- hi")).hasMessageContaining("comments");
        assertThatThrownBy(() -> guard.check("WITH d AS (DELETE FROM x RETURNING *) SELECT * FROM d"))
                .hasMessageContaining("DELETE");
        assertThatThrownBy(() -> guard.check("SELECT * FROM read_csv('/etc/passwd')"))
                .hasMessageContaining("read_csv");
    }

    @Test
    void aTrailingSemicolonIsDropped() {
        assertThat(guard.check("select 1 ;  ")).isEqualTo("select 1");
    }
}
