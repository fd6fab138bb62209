package io.revbot.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates scale 1 once (pinned as-of date) and checks the distributions and every planted story. */
class DemoDataGeneratorTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 16);

    @TempDir
    static Path dir;

    static Connection db;

    @BeforeAll
    static void generate() throws SQLException {
        Path file = dir.resolve("demo.duckdb");
        new DemoDataGenerator(1, AS_OF).writeDatabase(file);
        db = DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    static List<List<Object>> rows(String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    static double number(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).get(0)).doubleValue();
    }

    @Test
    void theSameInputsGiveByteIdenticalTables() throws SQLException {
        Path again = dir.resolve("again.duckdb");
        new DemoDataGenerator(1, AS_OF).writeDatabase(again);
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:" + again)) {
            assertThat(DemoTableStats.of(other)).isEqualTo(DemoTableStats.of(db));
        }
        Path otherDay = dir.resolve("other-day.duckdb");
        new DemoDataGenerator(1, AS_OF.plusDays(1)).writeDatabase(otherDay);
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:" + otherDay)) {
            assertThat(DemoTableStats.of(other)).isNotEqualTo(DemoTableStats.of(db));
        }
    }

    @Test
    void scaleOneHasAboutFourHundredAccountsOfEveryType() throws SQLException {
        assertThat(number("select count(*) from salesforce_account_d")).isEqualTo(400);
        for (List<Object> row : rows("select coalesce(sf_account_type_custom, 'prospect'), count(*) "
                + "from salesforce_account_d group by 1")) {
            assertThat(((Number) row.get(1)).intValue()).as(row.toString()).isBetween(90, 170);
        }
        assertThat(number("select count(*) from gong_call_f")).isBetween(300.0, 1500.0);
        assertThat(number("select count(distinct stage_name) from opportunity_d"))
                .isGreaterThanOrEqualTo(10);
        assertThat(number("select count(*) from opportunity_d where metrics is null"))
                .isGreaterThan(0);
        assertThat(number("select count(*) from opportunity_d where metrics is not null"))
                .isGreaterThan(0);
        assertThat(number("select count(*) from consumption_daily_d where consumption_date >= DATE '" + AS_OF + "'"))
                .isZero();
    }

    @Test
    void metadataRecordsHowTheDataWasMade() throws SQLException {
        assertThat(rows("select key, value from demo_metadata order by key").toString())
                .isEqualTo("[[as_of_date, 2026-03-16], [generator_version, 1], [scale, 1], [seed, 20260101]]");
    }

    static final String CONSUMPTION_30_VS_PRIOR = """
            select a.sf_account_name,
                   sum(c.total_cost_usd) filter (where c.consumption_date >= DATE '%1$s' - 30) as last30,
                   sum(c.total_cost_usd) filter (where c.consumption_date < DATE '%1$s' - 30
                                                   and c.consumption_date >= DATE '%1$s' - 120) / 3 as prior30
            from salesforce_account_d a join consumption_daily_d c using (sf_account_id)
            where a.sf_account_type_custom is not null
            group by 1
            """;

    @Test
    void usageCliffAccountsFall85To100PercentAndOnlyTheyDo() throws SQLException {
        for (List<Object> row : rows(CONSUMPTION_30_VS_PRIOR.formatted(AS_OF))) {
            String name = (String) row.get(0);
            double last30 = row.get(1) == null ? 0 : ((Number) row.get(1)).doubleValue();
            double prior30 = row.get(2) == null ? 0 : ((Number) row.get(2)).doubleValue();
            if (PlantedStories.USAGE_CLIFF_ACCOUNTS.contains(name)) {
                assertThat(1 - last30 / prior30).as(name).isBetween(0.85, 1.0);
            } else if (prior30 > 0) {
                assertThat(1 - last30 / prior30).as(name).isLessThan(0.6);
            }
        }
        assertThat(rows("select max(consumption_date) from consumption_daily_d join salesforce_account_d "
                                + "using (sf_account_id) where sf_account_name = 'Quanta Retail'")
                        .get(0)
                        .get(0)
                        .toString())
                .isEqualTo(AS_OF.minusDays(21).toString());
    }

    @Test
    void vertexIsInNegotiateOnDiscoveryOnlyCallsWithoutItsEconomicBuyer() throws SQLException {
        var deal = rows("select opportunity_type, stage_name, probability, amount, contract_duration_months, "
                + "economic_buyer, opportunity_id from opportunity_d where opportunity_name = "
                + "'Vertex Analytics - Platform Migration'");
        assertThat(deal).hasSize(1);
        assertThat(deal.get(0).subList(0, 5).toString()).isEqualTo("[New Business, Negotiate, 75, 480000.0, 36]");
        String buyer = (String) deal.get(0).get(5);
        var calls = rows("select gong_call_name, gong_participants_emails, gong_call_brief || gong_call_key_points"
                + " || gong__call_highlights_next_steps from gong_call_f where gong_related_opportunity = '"
                + deal.get(0).get(6) + "'");
        assertThat(calls).hasSizeGreaterThanOrEqualTo(3);
        String buyerEmail =
                (String) rows("select contact_email from contact_d where '" + buyer + "' like contact_name || '%'")
                        .get(0)
                        .get(0);
        for (var call : calls) {
            assertThat((String) call.get(0)).endsWith("Discovery");
            assertThat((String) call.get(1)).doesNotContain(buyerEmail);
            assertThat(((String) call.get(2)).toLowerCase())
                    .doesNotContain(
                            "pric", "$", "discount", "legal", "procurement", "contract", "msa", "order form", "budget");
        }
        double moneyTalk = number("select count(*) from transcript t join gong_call_f g using (gong_call_id) "
                + "where g.gong_related_opportunity = '" + deal.get(0).get(6) + "' and (t.text ilike '%pric%' or "
                + "t.text like '%$%' or t.text ilike '%discount%' or t.text ilike '%legal%' or t.text ilike "
                + "'%procurement%' or t.text ilike '%contract%' or t.text ilike '%budget%' or t.email = '"
                + buyerEmail + "')");
        assertThat(moneyTalk).isZero();
    }

    @Test
    void readyToConvertPlgAccountsBill2000AMonthAndAreActive90Of120Days() throws SQLException {
        var candidates = rows("""
                with billing as (
                  select o.sf_account_id, count(*) as months
                  from billing_event_f b join organization_d o using (organization_id)
                  where b.mrr_report_date_ts >= date_trunc('month', DATE '%1$s') - INTERVAL 2 MONTH
                    and b.amount >= 2000
                  group by 1),
                active as (
                  select sf_account_id, count(distinct consumption_date) as days
                  from consumption_daily_d
                  where consumption_date >= DATE '%1$s' - 120 and consumed_fbu > 0
                  group by 1)
                select a.sf_account_name from salesforce_account_d a
                join billing b using (sf_account_id) join active c using (sf_account_id)
                where a.sf_account_type_custom = 'PLG Customer' and b.months >= 2 and c.days >= 90
                order by 1
                """.formatted(AS_OF));
        assertThat(candidates.stream().map(r -> r.get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(PlantedStories.READY_TO_CONVERT_ACCOUNTS);
    }

    @Test
    void atlasMobilityRunsAbove120PercentOfItsContractAndNoOtherCommitCustomerDoes() throws SQLException {
        var ratios = rows("""
                select a.sf_account_name, sum(c.total_cost_usd) / 90 / (g.amount / g.contract_term_months * 12 / 365)
                from salesforce_account_d a
                join agreement_f g on g.sf_account_id = a.sf_account_id and g.is_active
                join consumption_daily_d c on c.sf_account_id = a.sf_account_id
                  and c.consumption_date >= DATE '%s' - 90
                where a.sf_account_type_custom = 'Commit Customer'
                group by a.sf_account_name, g.amount, g.contract_term_months
                """.formatted(AS_OF));
        for (var row : ratios) {
            double ratio = ((Number) row.get(1)).doubleValue();
            if (row.get(0).equals(PlantedStories.RUNNING_HOT_ACCOUNT)) {
                assertThat(ratio).isGreaterThan(1.3);
            } else {
                assertThat(ratio).as(row.get(0).toString()).isLessThan(1.15);
            }
        }
    }

    @Test
    void orionHealthCallsNameSnowflakeAndDatabricksWithPriceQuotes() throws SQLException {
        var deal = rows("select stage_name, competitors, opportunity_id from opportunity_d where opportunity_name ="
                + " 'Orion Health - Analytics Modernization'");
        assertThat(deal.get(0).subList(0, 2).toString()).isEqualTo("[Proof of Concept, Snowflake, Databricks]");
        String id = (String) deal.get(0).get(2);
        assertThat(number("select count(*) from gong_call_f where gong_related_opportunity = '" + id
                        + "' and gong_call_start_ts >= DATE '" + AS_OF + "' - 30 and gong_call_key_points ilike"
                        + " '%Snowflake%$%' and gong_call_key_points ilike '%Databricks%$%'"))
                .isGreaterThanOrEqualTo(2);
        assertThat(number("select count(*) from transcript join gong_call_f using (gong_call_id) where"
                        + " gong_related_opportunity = '" + id + "' and text ilike '%snowflake quoted%'"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void thePlantedLeadsExist() throws SQLException {
        assertThat(rows("select lead_name, title, company, industry, employee_size, country from lead_d where "
                                + "company in ('StreamForge', 'Becker Family Dental') order by 1")
                        .toString())
                .isEqualTo("[[Maya Chen, VP Data Engineering, StreamForge, SaaS, 450, US],"
                        + " [Tom Becker, Office Manager, Becker Family Dental, Healthcare, 8, US]]");
    }

    @Test
    void crmProbabilitiesFollowTheStageModel() throws SQLException {
        for (var row : rows("select distinct stage_name, probability from opportunity_d")) {
            assertThat(((Number) row.get(1)).intValue()).as(row.toString()).isEqualTo(StageModel.probability((String)
                    row.get(0)));
        }
        assertThat(number("select count(*) from opportunity_d o where not exists (select 1 from "
                        + "opportunity_stage_f s where s.opportunity_id = o.opportunity_id and s.is_active_stage "
                        + "and s.to_stage = o.stage_name)"))
                .isZero();
    }
}
