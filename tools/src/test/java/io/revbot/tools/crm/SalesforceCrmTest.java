package io.revbot.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revbot.tools.Secret;
import io.revbot.tools.ToolException;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.testing.Fixtures;
import io.revbot.tools.testing.MockServers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceCrmTest {
    private final MockWebServer server = MockServers.start();
    private final SalesforceCrm crm = new SalesforceCrm(
            MockServers.client(), server.url("/").uri(), "3MVG9-connected-app", Secret.of("sf-client-secret"));

    @AfterEach
    void stop() {
        server.close();
    }

    private String fixture(String name) {
        return Fixtures.read("salesforce/" + name)
                .replace("{{BASE}}", server.url("/").toString().replaceFirst("/$", ""));
    }

    @Test
    void authenticatesWithClientCredentialsAndFollowsNextRecordsUrl() {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(MockServers.json(fixture("opportunities-page1.json")));
        server.enqueue(MockServers.json(fixture("opportunities-page2.json")));

        List<Crm.Opportunity> found = crm.findOpportunities("vertex", 20);

        RecordedRequest token = MockServers.take(server);
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getUrl().encodedPath()).isEqualTo("/services/oauth2/token");
        assertThat(token.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.getBody().utf8())
                .isEqualTo(
                        "grant_type=client_credentials&client_id=3MVG9-connected-app&client_secret=sf-client-secret");

        RecordedRequest first = MockServers.take(server);
        assertThat(first.getUrl().encodedPath()).isEqualTo("/services/data/v61.0/query");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer 00D5e000000AbCd!sf-token-1");
        assertThat(first.getUrl().queryParameter("q"))
                .contains("FROM Opportunity WHERE Name LIKE '%vertex%' OR Account.Name LIKE '%vertex%'")
                .contains("Owner.Name")
                .endsWith("LIMIT 20");
        RecordedRequest second = MockServers.take(server);
        assertThat(second.getUrl().encodedPath()).isEqualTo("/services/data/v61.0/query/01gD0000002HU6KIAW-2");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer 00D5e000000AbCd!sf-token-1");

        assertThat(found)
                .extracting(Crm.Opportunity::name)
                .containsExactly(
                        "Vertex Analytics - Platform Migration",
                        "Vertex Analytics - Expansion",
                        "Vertex Analytics - Renewal 2025");
        Crm.Opportunity first1 = found.get(0);
        assertThat(first1.accountName()).contains("Vertex Analytics");
        assertThat(first1.stage()).contains("Negotiate");
        assertThat(first1.amount()).contains(new BigDecimal("480000.0"));
        assertThat(first1.closeDate()).contains(LocalDate.parse("2026-03-31"));
        assertThat(first1.owner()).as("owner resolved to a name, not an id").contains("Dana Whitfield");
        assertThat(found.get(1).amount()).isEmpty();
        assertThat(found.get(2).owner()).isEmpty();
    }

    @Test
    void userTextIsEscapedAsASoqlLiteralNeverSpliced() {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(MockServers.json("{\"totalSize\":0,\"done\":true,\"records\":[]}"));

        crm.findAccounts("O'Brien\\' OR Name != '_%", 5);

        MockServers.take(server);
        String soql = MockServers.take(server).getUrl().queryParameter("q");
        assertThat(soql).contains("WHERE Name LIKE '%O\\'Brien\\\\\\' OR Name != \\'\\_\\%%'");
    }

    @Test
    void getRecordResolvesTheOwnerIdToAName() {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(MockServers.json(fixture("opportunity-record.json")));
        server.enqueue(MockServers.json(fixture("user-name.json")));

        Crm.CrmRecord record =
                crm.getRecord(Crm.RecordType.OPPORTUNITY, "0065e00000AbCdEAAA").orElseThrow();

        MockServers.take(server);
        assertThat(MockServers.take(server).getUrl().encodedPath())
                .isEqualTo("/services/data/v61.0/sobjects/Opportunity/0065e00000AbCdEAAA");
        assertThat(MockServers.take(server).getUrl().queryParameter("q"))
                .isEqualTo("SELECT Name FROM User WHERE Id = '0055e000001AbCdAAK'");
        assertThat(record.name()).isEqualTo("Vertex Analytics - Platform Migration");
        assertThat(record.fields())
                .containsEntry("StageName", "Negotiate")
                .containsEntry("Probability", 75L)
                .containsEntry("owner_name", "Dana Whitfield")
                .doesNotContainKey("attributes");
    }

    @Test
    void aMissingRecordIsEmptyAndAMalformedIdIsRefusedBeforeAnyRequest() {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(MockServers.json(
                404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]"));
        assertThat(crm.getRecord(Crm.RecordType.ACCOUNT, "0015e00000ZZZZZAAA")).isEmpty();
        int before = server.getRequestCount();
        assertThatThrownBy(() -> crm.getRecord(Crm.RecordType.ACCOUNT, "x' OR '1'='1"))
                .isInstanceOf(ToolException.class);
        assertThat(server.getRequestCount()).isEqualTo(before);
    }

    @Test
    void updatePatchesTheRecordWithJustTheChangedFields() throws Exception {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(new MockResponse.Builder().code(204).build());

        crm.update(Crm.RecordType.OPPORTUNITY, "0065e00000AbCdEAAA", Map.of("StageName", "Signature"), "U123");

        MockServers.take(server);
        RecordedRequest patch = MockServers.take(server);
        assertThat(patch.getMethod()).isEqualTo("PATCH");
        assertThat(patch.getUrl().encodedPath())
                .isEqualTo("/services/data/v61.0/sobjects/Opportunity/0065e00000AbCdEAAA");
        assertThat(patch.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(patch.getBody().utf8()).isEqualTo("{\"StageName\":\"Signature\"}");
    }

    @Test
    void anExpiredSessionFetchesANewTokenOnceAndRetries() {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(MockServers.json(401, fixture("error-invalid-session.json")));
        server.enqueue(MockServers.json(fixture("token.json").replace("sf-token-1", "sf-token-2")));
        server.enqueue(new MockResponse.Builder().code(204).build());

        crm.update(Crm.RecordType.OPPORTUNITY, "0065e00000AbCdEAAA", Map.of("NextStep", "Legal review"), "U123");

        MockServers.take(server);
        MockServers.take(server);
        assertThat(MockServers.take(server).getUrl().encodedPath()).isEqualTo("/services/oauth2/token");
        assertThat(MockServers.take(server).getHeaders().get("Authorization"))
                .isEqualTo("Bearer 00D5e000000AbCd!sf-token-2");
    }

    @Test
    void salesforceErrorsCarryTheirCodeAndMessage() {
        server.enqueue(MockServers.json(fixture("token.json")));
        server.enqueue(MockServers.json(400, fixture("error-invalid-field.json")));
        assertThatThrownBy(
                        () -> crm.update(Crm.RecordType.OPPORTUNITY, "0065e00000AbCdEAAA", Map.of("Stage", "x"), "U"))
                .isInstanceOf(UpstreamException.class)
                .hasMessage(
                        "Salesforce: HTTP 400: INVALID_FIELD No such column 'Stage' on sobject of type Opportunity");
    }

    @Test
    void badCredentialsSayWhatSalesforceSaid() {
        server.enqueue(MockServers.json(400, fixture("error-oauth.json")));
        assertThatThrownBy(crm::check)
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Salesforce: HTTP 400: invalid_client: invalid client credentials")
                .hasMessageNotContaining("sf-client-secret");
    }
}
