package io.revbot.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ToolException;
import io.revbot.tools.testing.DemoWarehouse;
import io.revbot.tools.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WarehouseCrmTest {
    private static DemoWarehouse warehouse;
    private static WarehouseCrm crm;

    @BeforeAll
    static void demo() {
        warehouse = DemoWarehouse.create();
        crm = new WarehouseCrm(warehouse, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void findsThePlantedNegotiateDealCaseInsensitivelyWithItsOwnerAsAName() {
        List<Crm.Opportunity> found = crm.findOpportunities("VERTEX analytics - platform", 20);
        assertThat(found).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("Vertex Analytics - Platform Migration");
            assertThat(o.stage()).contains("Negotiate");
            assertThat(o.probability()).contains(75);
            assertThat(o.accountName()).contains("Vertex Analytics");
            assertThat(o.owner())
                    .hasValueSatisfying(owner -> assertThat(owner).matches("[A-Z][a-z]+ [A-Z][a-zA-Z'-]+"));
        });
    }

    @Test
    void findsAccountsAndPeopleByPartOfTheirNameOrEmail() {
        assertThat(crm.findAccounts("northwind", 10))
                .extracting(Crm.Account::name)
                .contains("Northwind Logistics");
        assertThat(crm.findPeople("maya CHEN", 10)).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo("lead");
            assertThat(p.company()).contains("StreamForge");
        });
    }

    @Test
    void userTextIsABindParameterSoSqlInItIsJustText() {
        assertThat(crm.findAccounts("' OR 1=1 --", 10)).isEmpty();
        assertThat(crm.findAccounts("%", 10)).as("no wildcard meaning either").isEmpty();
    }

    @Test
    void getRecordReturnsEveryColumnAndTheOwnersName() {
        String id = crm.findOpportunities("Vertex Analytics - Platform Migration", 1)
                .get(0)
                .id();
        Crm.CrmRecord record = crm.getRecord(Crm.RecordType.OPPORTUNITY, id).orElseThrow();
        assertThat(record.name()).isEqualTo("Vertex Analytics - Platform Migration");
        assertThat(record.fields()).containsKeys("stage_name", "amount", "champion_status", "owner_id", "owner_name");
        assertThat(record.fields().get("owner_name").toString()).doesNotStartWith("005");
        assertThat(crm.getRecord(Crm.RecordType.OPPORTUNITY, "no-such-id")).isEmpty();
    }

    @Test
    void updatesAreAppendedToCrmUpdatesAndLeaveTheMirroredTableAlone() {
        String id = crm.findOpportunities("Orion Health - Analytics Modernization", 1)
                .get(0)
                .id();
        crm.update(Crm.RecordType.OPPORTUNITY, id, Map.of("next_step", "Pricing call with CFO"), "U42");

        Warehouse.QueryResult audit = warehouse.query(
                "SELECT record_type, record_id, field, new_value, approved_by, applied_at FROM crm_updates"
                        + " WHERE record_id = ?",
                List.of(id),
                10,
                Duration.ofSeconds(5));
        assertThat(audit.rows()).singleElement().satisfies(row -> {
            assertThat(row.subList(0, 5))
                    .containsExactly("opportunity", id, "next_step", "Pricing call with CFO", "U42");
            assertThat(row.get(5).toString()).isEqualTo("2026-03-01T10:00");
        });
        assertThat(crm.getRecord(Crm.RecordType.OPPORTUNITY, id)
                        .orElseThrow()
                        .fields()
                        .get("next_step"))
                .isNotEqualTo("Pricing call with CFO");
    }

    @Test
    void anUnknownFieldIsRefused() {
        String id = crm.findOpportunities("Vertex Analytics - Platform Migration", 1)
                .get(0)
                .id();
        assertThatThrownBy(() -> crm.update(Crm.RecordType.OPPORTUNITY, id, Map.of("stage; DROP TABLE x", "y"), "U"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("no field");
    }
}
