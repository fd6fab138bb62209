package io.revbot.tools.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.revbot.tools.Secret;
import io.revbot.tools.UpstreamException;
import io.revbot.tools.testing.Fixtures;
import io.revbot.tools.testing.MockServers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GongCallsTest {
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("gong-key:gong-secret".getBytes(StandardCharsets.UTF_8));
    private final MockWebServer server = MockServers.start();
    private final GongCalls gong =
            new GongCalls(MockServers.client(), server.url("/").uri(), "gong-key", Secret.of("gong-secret"));
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        server.close();
    }

    private Calls.Query february(Optional<String> account, Optional<String> opportunity) {
        return new Calls.Query(
                account, opportunity, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), 50);
    }

    @Test
    void listsADateRangeAcrossCursorPagesThenReadsDetailsByIdWithBasicAuth() throws Exception {
        server.enqueue(MockServers.json(Fixtures.read("gong/calls-page1.json")));
        server.enqueue(MockServers.json(Fixtures.read("gong/calls-page2.json")));
        server.enqueue(MockServers.json(Fixtures.read("gong/extensive.json")));

        Calls.Listing listing = gong.list(february(Optional.of("0015e00000VxAnAAAA"), Optional.empty()));
        List<Calls.Call> calls = listing.calls();
        assertThat(listing.truncated()).as("every page was read").isEmpty();

        RecordedRequest page1 = MockServers.take(server);
        assertThat(page1.getMethod()).isEqualTo("GET");
        assertThat(page1.getUrl().encodedPath()).isEqualTo("/v2/calls");
        assertThat(page1.getHeaders().get("Authorization")).isEqualTo(BASIC);
        assertThat(page1.getUrl().queryParameter("fromDateTime")).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(page1.getUrl().queryParameter("toDateTime")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(page1.getUrl().queryParameter("cursor")).isNull();
        RecordedRequest page2 = MockServers.take(server);
        assertThat(page2.getUrl().queryParameter("cursor")).isEqualTo("eyJhbGciOiJIUzI1NiJ9.page2");

        RecordedRequest details = MockServers.take(server);
        assertThat(details.getMethod()).isEqualTo("POST");
        assertThat(details.getUrl().encodedPath()).isEqualTo("/v2/calls/extensive");
        assertThat(details.getHeaders().get("Authorization")).isEqualTo(BASIC);
        JsonNode body = json.readTree(details.getBody().utf8());
        assertThat(body.path("filter").path("callIds").toString())
                .isEqualTo("[\"7782342274025937895\",\"1234567890123456789\",\"5550001112223334445\"]");
        assertThat(body.path("contentSelector").path("context").asText()).isEqualTo("Extended");
        assertThat(body.path("contentSelector")
                        .path("exposedFields")
                        .path("parties")
                        .asBoolean())
                .isTrue();

        assertThat(calls).extracting(Calls.Call::id).containsExactly("5550001112223334445", "7782342274025937895");
        Calls.Call discovery = calls.get(1);
        assertThat(discovery.host()).as("the primary user's name, not their id").contains("Dana Whitfield");
        assertThat(discovery.participants()).containsExactly("Dana Whitfield", "Priya Raman");
        assertThat(discovery.opportunityId()).contains("0065e00000AbCdEAAA");
        assertThat(discovery.durationSeconds()).contains(2710L);
        assertThat(discovery.brief()).hasValueSatisfying(b -> assertThat(b).contains("Redshift"));
        assertThat(discovery.keyPoints()).contains("Dashboards time out at month end; Evaluating Snowflake as well");
        assertThat(discovery.nextSteps()).contains("Send a technical overview");
    }

    @Test
    void a429IsRetriedAfterGongsRetryAfter() {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "2")
                .setHeader("Content-Type", "application/json")
                .body("{\"requestId\":\"x\",\"errors\":[\"Too many requests\"]}")
                .build());
        server.enqueue(MockServers.json(Fixtures.read("gong/calls-page2.json")));
        server.enqueue(MockServers.json(Fixtures.read("gong/extensive.json")));

        List<Calls.Call> calls = gong.list(february(Optional.empty(), Optional.of("0065e00000AbCdEAAA")))
                .calls();

        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(MockServers.take(server).getUrl().encodedPath()).isEqualTo("/v2/calls");
        assertThat(MockServers.take(server).getUrl().encodedPath())
                .as("same request again")
                .isEqualTo("/v2/calls");
        assertThat(calls).extracting(Calls.Call::id).containsExactly("7782342274025937895");
    }

    @Test
    void aRangeWithoutCallsIsEmptyNotAnError() {
        server.enqueue(MockServers.json(
                404, "{\"requestId\":\"y\",\"errors\":[\"No calls found corresponding to the provided filters\"]}"));
        Calls.Listing listing = gong.list(february(Optional.empty(), Optional.empty()));
        assertThat(listing.calls()).isEmpty();
        assertThat(listing.truncated()).isEmpty();
    }

    @Test
    void transcriptsNameTheSpeakersFromTheCallsParties() throws Exception {
        server.enqueue(MockServers.json(Fixtures.read("gong/extensive-one.json")));
        server.enqueue(MockServers.json(Fixtures.read("gong/transcript.json")));

        Calls.Transcript t = gong.transcript("7782342274025937895").orElseThrow();

        MockServers.take(server);
        RecordedRequest request = MockServers.take(server);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/calls/transcript");
        assertThat(json.readTree(request.getBody().utf8()).toString())
                .isEqualTo("{\"filter\":{\"callIds\":[\"7782342274025937895\"]}}");
        assertThat(t.title()).isEqualTo("Vertex Analytics | Discovery");
        assertThat(t.utterances()).hasSize(3);
        assertThat(t.utterances().get(0).speaker()).isEqualTo("Dana Whitfield");
        assertThat(t.utterances().get(0).startSecond()).isEqualTo(1);
        assertThat(t.utterances().get(0).text())
                .isEqualTo("Thanks for making the time, Priya. What prompted you to look at new options?");
        assertThat(t.utterances().get(1).speaker()).isEqualTo("Priya Raman");
        assertThat(t.utterances().get(1).email()).contains("priya.raman@vertexanalytics.example");
        assertThat(t.utterances().get(2).speaker()).isEqualTo("Unknown speaker");
    }

    @Test
    void badCredentialsSayWhatGongSaid() {
        server.enqueue(MockServers.json(401, "{\"requestId\":\"z\",\"errors\":[\"Invalid access key or secret\"]}"));
        assertThatThrownBy(gong::check)
                .isInstanceOf(UpstreamException.class)
                .hasMessage("Gong: HTTP 401: Invalid access key or secret")
                .hasMessageNotContaining("gong-secret");
    }
}
