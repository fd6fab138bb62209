package io.revbot.tools.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.ToolException;
import io.revbot.tools.crm.CrmTools;
import io.revbot.tools.crm.WarehouseCrm;
import io.revbot.tools.testing.DemoWarehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WarehouseCallsAndToolsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static DemoWarehouse warehouse;
    private static WarehouseCalls calls;
    private static CallTools callTools;
    private static CrmTools crmTools;
    private final ObjectMapper json = new ObjectMapper();

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path dir;

    @BeforeAll
    static void demo() {
        warehouse = DemoWarehouse.create();
        calls = new WarehouseCalls(warehouse);
        WarehouseCrm crm = new WarehouseCrm(warehouse, DemoWarehouse.updateLog(dir), CLOCK);
        callTools = new CallTools(calls, crm, CLOCK);
        crmTools = new CrmTools(crm);
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void moreCallsThanTheLimitAreReportedAsTruncatedToTheModel() throws Exception {
        JsonNode answer = json.readTree(callTools.listCalls(null, null, "2025-03-01", "2026-03-01"));

        assertThat(answer.path("calls").size()).isEqualTo(50);
        assertThat(answer.path("truncated").asText())
                .isEqualTo(
                        "more than 50 calls match; these are the newest 50: narrow the date range to see older ones");
        JsonNode few = json.readTree(
                callTools.listCalls(null, "Vertex Analytics - Platform Migration", "2025-01-01", "2026-03-01"));
        assertThat(few.has("truncated")).isFalse();
    }

    @Test
    void listCallsResolvesAnOpportunityNameAndReturnsItsCallsNewestFirstWithHostNames() throws Exception {
        JsonNode answer = json.readTree(
                callTools.listCalls(null, "Vertex Analytics - Platform Migration", "2025-01-01", "2026-03-01"));

        assertThat(answer.path("opportunityId").asText()).isNotEmpty();
        JsonNode list = answer.path("calls");
        assertThat(list.size()).isGreaterThan(0);
        Instant previous = Instant.MAX;
        for (JsonNode call : list) {
            assertThat(call.path("opportunityId").asText())
                    .isEqualTo(answer.path("opportunityId").asText());
            assertThat(call.path("host").asText()).matches("[A-Z][a-z]+ [A-Z][a-zA-Z'-]+");
            Instant started = Instant.parse(call.path("started").asText());
            assertThat(started).isBeforeOrEqualTo(previous);
            previous = started;
        }
    }

    @Test
    void transcriptsComeFromTheTranscriptTableInOrder() throws Exception {
        String opportunity = json.readTree(crmTools.findOpportunities("Orion Health - Analytics Modernization"))
                .path("opportunities")
                .get(0)
                .path("id")
                .asText();
        List<Calls.Call> orion = calls.list(new Calls.Query(
                        Optional.empty(),
                        Optional.of(opportunity),
                        Instant.parse("2024-01-01T00:00:00Z"),
                        CLOCK.instant(),
                        50))
                .calls();
        assertThat(orion).isNotEmpty();

        JsonNode transcript =
                json.readTree(callTools.getCallTranscript(orion.get(0).id()));
        JsonNode utterances = transcript.path("utterances");
        assertThat(utterances.size()).isGreaterThan(1);
        long previous = -1;
        StringBuilder text = new StringBuilder();
        for (JsonNode u : utterances) {
            assertThat(u.path("startSecond").asLong()).isGreaterThanOrEqualTo(previous);
            previous = u.path("startSecond").asLong();
            assertThat(u.path("speaker").asText()).isNotBlank();
            text.append(u.path("text").asText()).append('\n');
        }
        assertThat(transcript.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void anAmbiguousAccountNameIsRefusedWithTheCandidates() {
        assertThatThrownBy(() -> callTools.listCalls("a", null, null, null))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("matches several accounts")
                .hasMessageContaining("pass the id");
        assertThatThrownBy(() -> callTools.listCalls(null, null, "last week", null))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("ISO date");
        assertThatThrownBy(() -> callTools.getCallTranscript("no-such-call")).isInstanceOf(ToolException.class);
    }

    @Test
    void crmToolsAnswerCompactJsonWithoutEmptyFields() throws Exception {
        JsonNode people = json.readTree(crmTools.findPeople("Tom Becker")).path("people");
        assertThat(people.size()).isGreaterThanOrEqualTo(1);
        assertThat(people.get(0).path("company").asText()).isEqualTo("Becker Family Dental");
        String accountId = json.readTree(crmTools.findAccounts("Atlas Mobility"))
                .path("accounts")
                .get(0)
                .path("id")
                .asText();
        JsonNode record = json.readTree(crmTools.getCrmRecord("Account", accountId));
        assertThat(record.path("type").asText()).isEqualTo("account");
        assertThat(record.path("fields").path("sf_account_type_custom").asText())
                .isEqualTo("Commit Customer");
        assertThat(record.path("fields").path("owner_name").asText()).isNotBlank();
        assertThatThrownBy(() -> crmTools.getCrmRecord("deal", accountId))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("account, opportunity, contact, lead");
    }
}
