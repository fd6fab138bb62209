package io.revbot.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.ToolException;
import io.revbot.tools.testing.DemoWarehouse;
import io.revbot.tools.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseCrmTest {
    private static DemoWarehouse warehouse;
    private static CrmUpdateLog log;
    private static WarehouseCrm crm;

    @TempDir
    static Path dir;

    @BeforeAll
    static void demo() {
        warehouse = DemoWarehouse.create();
        log = DemoWarehouse.updateLog(dir);
        crm = new WarehouseCrm(warehouse, log, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));
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
    void updatesAreLoggedOutsideTheReadOnlyWarehouseAndShowInLaterReads() {
        String id = crm.findOpportunities("Orion Health - Analytics Modernization", 1)
                .get(0)
                .id();
        Object before = crm.getRecord(Crm.RecordType.OPPORTUNITY, id)
                .orElseThrow()
                .fields()
                .get("next_step");

        crm.update(Crm.RecordType.OPPORTUNITY, id, Map.of("next_step", "Pricing call with CFO"), "U42");

        assertThat(log.forRecord("opportunity", id)).singleElement().satisfies(u -> {
            assertThat(u.field()).isEqualTo("next_step");
            assertThat(u.oldValue())
                    .isEqualTo(java.util.Optional.ofNullable(before).map(Object::toString));
            assertThat(u.newValue()).contains("Pricing call with CFO");
            assertThat(u.approvedBy()).isEqualTo("U42");
            assertThat(u.appliedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        });
        Warehouse.QueryResult mirror = warehouse.query(
                "SELECT next_step FROM opportunity_d WHERE opportunity_id = ?", List.of(id), 1, Duration.ofSeconds(5));
        assertThat(mirror.rows().get(0).get(0)).as("the mirror is untouched").isEqualTo(before);
        assertThat(crm.getRecord(Crm.RecordType.OPPORTUNITY, id)
                        .orElseThrow()
                        .fields()
                        .get("next_step"))
                .isEqualTo("Pricing call with CFO");
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
