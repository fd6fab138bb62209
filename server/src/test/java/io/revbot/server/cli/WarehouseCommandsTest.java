package io.revbot.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo-data} and {@code sql} through the real command line, against a demo warehouse in a temp home. */
class WarehouseCommandsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-16T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    record Run(int exitCode, String out, String err) {}

    Run run(String... args) {
        return runWith(Map.of(), args);
    }

    Run runWith(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("REVBOT_HOME", home.toString());
        int code = RevbotCommand.commandLine(env, CLOCK, new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoDataTwicePrintsByteIdenticalChecksums() {
        Run first = run("demo-data");
        Run second = run("demo-data", "--as-of", "2026-03-16");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out())
                .contains("as of 2026-03-16")
                .contains("opportunity_d")
                .contains("consumption_daily_d");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.err()).contains("rows/s");
        Run json = run("demo-data", "--json");
        assertThat(json.out()).startsWith("{\"file\":").contains("\"tables\":[{\"table\":\"employee_d\"");
    }

    @Test
    void sqlGeneratesTheDemoDataOnFirstUseAndPrintsATable() {
        Run run = run(
                "sql",
                "select count(*) as deals from opportunity_d where opportunity_name = 'Vertex Analytics"
                        + " - Platform Migration'");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("deals\n-----\n    1\n(1 row)\n");
        Run json = run(
                "sql",
                "select stage_name, amount from opportunity_d where opportunity_name ="
                        + " 'Vertex Analytics - Platform Migration'",
                "--json");
        assertThat(json.out().strip())
                .isEqualTo(
                        "{\"columns\":[{\"name\":\"stage_name\",\"type\":\"VARCHAR\"},{\"name\":\"amount\","
                                + "\"type\":\"DOUBLE\"}],\"rows\":[[\"Negotiate\",480000.0]],\"row_count\":1,\"truncated\":false}");
        Run amounts = run("sql", "select 31927000.0::double as tcv");
        assertThat(amounts.out()).contains("31927000").doesNotContain("E7");
    }

    @Test
    void aRefusedStatementExits1AndSaysWhy() {
        Run run = run("sql", "select 1; drop table lead_d");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .isEqualTo("revbot: SQL refused: only one statement is allowed (found a ';' before" + " the end)");
    }

    @Test
    void sqlOutsideTheAllowListExits1NamingWhatWasRefused() {
        Run function = run("sql", "select * from duckdb_settings()");
        assertThat(function.exitCode()).isEqualTo(1);
        assertThat(function.err().strip())
                .isEqualTo("revbot: SQL refused: the table function duckdb_settings() is not allowed: only the table"
                        + " functions listed as safe for analytics on DuckDB can be called");
        Run table = run("sql", "select * from pragma_database_list");
        assertThat(table.err()).contains("pragma_database_list is not one of the warehouse's tables");
    }

    @Test
    void sqlOverHugeValuesStopsAtTheByteCapAndSaysSo() {
        Run run = runWith(
                Map.of("REVBOT_SQL_BYTE_LIMIT", "100KB"), "sql", "select repeat('x', 100000) as v from range(10)");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip().lines().toList())
                .last()
                .isEqualTo("(1 rows shown; truncated at 100000 bytes (REVBOT_SQL_BYTE_LIMIT): select fewer or shorter"
                        + " columns)");
    }

    @Test
    void aBadScaleIsAUsageError() {
        assertThat(run("demo-data", "--scale", "0").exitCode()).isEqualTo(2);
    }
}
