package io.revbot.tools.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SqlGuardTest {
    private final SqlGuard guard = new SqlGuard();

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

    @ParameterizedTest
    @FieldSource("HOSTILE")
    void hostile_statements_are_refused(String sql) {
        assertThatThrownBy(() -> guard.check(sql))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageStartingWith("SQL refused: ");
    }

    @ParameterizedTest
    @FieldSource("ANALYTIC")
    void analytic_queries_are_allowed(String sql) {
        assertThat(guard.check(sql)).isNotBlank().doesNotEndWith(";");
    }

    @Test
    void there_are_enough_cases() {
        assertThat(HOSTILE).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ANALYTIC).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void refusals_say_why() {
        assertThatThrownBy(() -> guard.check("SELECT 1; DROP TABLE x")).hasMessageContaining("one statement");
        assertThatThrownBy(() -> guard.check("SELECT 1 -- hi")).hasMessageContaining("comments");
        assertThatThrownBy(() -> guard.check("WITH d AS (DELETE FROM x RETURNING *) SELECT * FROM d"))
                .hasMessageContaining("DELETE");
        assertThatThrownBy(() -> guard.check("SELECT * FROM read_csv('/etc/passwd')"))
                .hasMessageContaining("read_csv");
    }

    @Test
    void a_trailing_semicolon_is_dropped() {
        assertThat(guard.check("select 1 ;  ")).isEqualTo("select 1");
    }
}
