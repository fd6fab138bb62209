package io.revbot.tools.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.revbot.tools.Secret;
import io.revbot.tools.testing.MockServers;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gong listing against a server that pages like Gong ({@code records.totalRecords}, {@code currentPageSize},
 * {@code currentPageNumber}, {@code cursor} on every page but the last, 100 calls a page): a listing that stops
 * before the end says so, and the company's base URL is used as configured.
 */
class GongListingLimitsTest {
    static final int PAGE = 100;
    static final String ACCOUNT = "0015e00000VxAnAAAA";
    static final ObjectMapper JSON = new ObjectMapper();

    final MockWebServer server = MockServers.start();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    /** {@code total} calls, one every hour from the range's start; every tenth is the account's. */
    void gongWith(int total, String root) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                try {
                    String path = request.getUrl().encodedPath();
                    if (path.equals(root + "v2/calls") && request.getMethod().equals("GET")) {
                        String cursor = request.getUrl().queryParameter("cursor");
                        return page(total, cursor == null ? 0 : Integer.parseInt(cursor.substring("page-".length())));
                    }
                    if (path.equals(root + "v2/calls/extensive")) {
                        return extensive(JSON.readTree(request.getBody().utf8()));
                    }
                    return MockServers.json(404, "{\"requestId\":\"n\",\"errors\":[\"no route " + path + "\"]}");
                } catch (IOException e) {
                    return MockServers.json(500, "{\"errors\":[\"" + e.getMessage() + "\"]}");
                }
            }
        });
    }

    static MockResponse page(int total, int number) {
        ObjectNode body = JSON.createObjectNode().put("requestId", "r" + number);
        int first = number * PAGE, size = Math.max(0, Math.min(PAGE, total - first));
        ObjectNode records = body.putObject("records")
                .put("totalRecords", total)
                .put("currentPageSize", size)
                .put("currentPageNumber", number);
        if (first + size < total) {
            records.put("cursor", "page-" + (number + 1));
        }
        ArrayNode calls = body.putArray("calls");
        for (int i = first; i < first + size; i++) {
            calls.addObject()
                    .put("id", Integer.toString(1_000_000 + i))
                    .put(
                            "started",
                            Instant.parse("2026-02-01T00:00:00Z")
                                    .plusSeconds(3600L * i)
                                    .toString())
                    .put("title", "Call " + i);
        }
        return MockServers.json(body.toString());
    }

    static MockResponse extensive(JsonNode request) {
        ObjectNode body = JSON.createObjectNode().put("requestId", "x");
        body.putObject("records")
                .put("totalRecords", request.path("filter").path("callIds").size());
        ArrayNode calls = body.putArray("calls");
        for (JsonNode id : request.path("filter").path("callIds")) {
            int i = Integer.parseInt(id.asText()) - 1_000_000;
            ObjectNode call = calls.addObject();
            call.putObject("metaData")
                    .put("id", id.asText())
                    .put("title", "Call " + i)
                    .put(
                            "started",
                            Instant.parse("2026-02-01T00:00:00Z")
                                    .plusSeconds(3600L * i)
                                    .toString())
                    .put("duration", 1800);
            ArrayNode context = call.putArray("context");
            if (i % 10 == 0) {
                context.addObject()
                        .put("system", "Salesforce")
                        .putArray("objects")
                        .addObject()
                        .put("objectType", "Account")
                        .put("objectId", ACCOUNT);
            }
        }
        return MockServers.json(body.toString());
    }

    Calls.Query range(Optional<String> account, int limit) {
        return new Calls.Query(
                account,
                Optional.empty(),
                Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:00Z"),
                limit);
    }

    List<String> listingCursors() {
        List<String> cursors = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.getMethod().equals("GET")) {
                cursors.add(String.valueOf(r.getUrl().queryParameter("cursor")));
            }
        }
        return cursors;
    }

    @Test
    void aListingThatStopsAtTheDefault2000CallsSaysHowManyGongHasAndThatTheAccountsMayBeMissing() {
        gongWith(2_345, "/");
        GongCalls gong = new GongCalls(MockServers.client(), server.url("/").uri(), "k", Secret.of("s"));

        Calls.Listing listing = gong.list(range(Optional.of(ACCOUNT), 50));

        assertThat(listingCursors()).hasSize(20).startsWith("null", "page-1").endsWith("page-19");
        assertThat(listing.calls())
                .hasSize(50)
                .allSatisfy(c -> assertThat(c.accountId()).contains(ACCOUNT));
        assertThat(listing.truncated())
                .hasValueSatisfying(t -> assertThat(t)
                        .contains("Gong lists 2,345 calls")
                        .contains("only the first 2,000 (20 pages) were read")
                        .contains("calls of this account or opportunity among the rest are missing")
                        .contains("narrow the date range")
                        .contains("the newest 50"));
    }

    @Test
    void aListingThatReadsEveryPageIsNotTruncatedUnlessMoreMatchThanTheLimit() {
        gongWith(250, "/");
        GongCalls gong = new GongCalls(MockServers.client(), server.url("/").uri(), "k", Secret.of("s"), 20);

        Calls.Listing forAccount = gong.list(range(Optional.of(ACCOUNT), 50));
        assertThat(listingCursors()).containsExactly("null", "page-1", "page-2");
        assertThat(forAccount.calls()).hasSize(25);
        assertThat(forAccount.truncated()).isEmpty();

        Calls.Listing all = gong.list(range(Optional.empty(), 50));
        assertThat(all.calls()).hasSize(50);
        assertThat(all.calls().getFirst().title()).as("newest first").isEqualTo("Call 249");
        assertThat(all.truncated())
                .contains("250 calls match; these are the newest 50: narrow the date range to see the rest");
    }

    @Test
    void theCompanysBaseUrlIsUsedAsConfiguredAndAPastedV2SuffixIsIgnored() {
        gongWith(3, "/gong-company/");
        GongCalls gong = new GongCalls(
                MockServers.client(), server.url("/gong-company/v2/").uri(), "k", Secret.of("s"));

        Calls.Listing listing = gong.list(range(Optional.empty(), 50));

        assertThat(listing.calls()).hasSize(3);
        assertThat(requests)
                .extracting(r -> r.getUrl().encodedPath())
                .containsExactly("/gong-company/v2/calls", "/gong-company/v2/calls/extensive");
        assertThat(gong.describe()).contains(server.url("/").host());
    }
}
