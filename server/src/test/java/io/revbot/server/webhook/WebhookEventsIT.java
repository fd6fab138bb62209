package io.revbot.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.server.queue.InMemoryJobQueue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /webhook/{tracking_id}/events} over real HTTP on the production routes: Server-Sent Events of a request
 * to its own client only, replayed from the start for a client that connects late, live after, closed with the
 * result.
 */
class WebhookEventsIT {
    static final List<String> FRAGMENTS =
            List.of("*Orion Health*\n", "The champion left ", "in October. ", "Book a call.");

    WebhookFixture revbot;

    @BeforeEach
    void start() {
        revbot = new WebhookFixture(new InMemoryJobQueue(Clock.systemUTC()), 3);
    }

    @AfterEach
    void stop() {
        revbot.close();
    }

    /** One server-sent event as a client reads it. */
    record Sse(String id, String name, JsonNode data, long atNanos) {}

    String post(String query) throws Exception {
        return WebhookJson.MAPPER
                .readTree(revbot.post("{\"query\": \"" + query + "\"}").body())
                .get("tracking_id")
                .asText();
    }

    HttpRequest.Builder events(String trackingId, String token) {
        return HttpRequest.newBuilder(revbot.uri("/webhook/" + trackingId + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
    }

    /** Reads the whole stream (until the server closes it), telling {@code each} about every event as it comes. */
    CompletableFuture<List<Sse>> read(String trackingId, Consumer<Sse> each) {
        return revbot.http
                .sendAsync(
                        events(trackingId, WebhookFixture.TOKEN)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("text/event-stream");
                    return parse(response.body(), each);
                });
    }

    static List<Sse> parse(Stream<String> lines, Consumer<Sse> each) {
        List<Sse> out = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (name != null) {
                    try {
                        Sse event = new Sse(id, name, WebhookJson.MAPPER.readTree(data.toString()), System.nanoTime());
                        out.add(event);
                        each.accept(event);
                    } catch (Exception e) {
                        throw new AssertionError("bad data: " + data, e);
                    }
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).strip());
            }
        }
        return out;
    }

    static String answer(List<Sse> events) {
        return events.stream()
                .filter(e -> e.name().equals("answer_delta"))
                .map(e -> e.data().get("text").asText())
                .collect(Collectors.joining());
    }

    @Test
    void aClientThatConnectsWhileTheRunGoesGetsWhatHappenedSoFarThenTheRestLiveThenTheResult() throws Exception {
        revbot.supervisor.holding().writing(FRAGMENTS, Duration.ofMillis(150));
        String id = post("How is Orion?");
        awaitRunning(id);
        List<Sse> seenBeforeRelease = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<List<Sse>> stream = read(id, seenBeforeRelease::add);
        Thread.sleep(300);
        assertThat(seenBeforeRelease)
                .as("the stored status, then the run's start replayed")
                .extracting(Sse::name)
                .containsExactly("status", "status");

        revbot.supervisor.release();
        List<Sse> events = stream.get(20, TimeUnit.SECONDS);

        assertThat(events)
                .extracting(Sse::name)
                .containsExactly(
                        "status",
                        "status",
                        "step",
                        "step",
                        "step",
                        "step",
                        "answer_delta",
                        "answer_delta",
                        "answer_delta",
                        "answer_delta",
                        "answer",
                        "result");
        assertThat(events.get(0).data().get("status").asText()).isEqualTo("running");
        assertThat(events.get(2).data().get("agent").asText()).isEqualTo("deal_analysis");
        assertThat(events.get(2).data().get("state").asText()).isEqualTo("started");
        assertThat(events.get(3).data().get("tool").asText()).isEqualTo("deal_review");
        assertThat(events.get(4).data().get("state").asText()).isEqualTo("ok");
        assertThat(events.get(5).data().get("state").asText()).isEqualTo("completed");
        assertThat(answer(events)).isEqualTo(String.join("", FRAGMENTS));
        Sse result = events.get(events.size() - 1);
        assertThat(result.data().get("status").asText()).isEqualTo("succeeded");
        assertThat(result.data().at("/result/response").asText()).isEqualTo(String.join("", FRAGMENTS));
        assertThat(result.data())
                .isEqualTo(WebhookJson.MAPPER.readTree(revbot.status(id).body()));
        List<Sse> deltas =
                events.stream().filter(e -> e.name().equals("answer_delta")).toList();
        assertThat(Duration.ofNanos(deltas.get(3).atNanos() - deltas.get(0).atNanos()))
                .as("the deltas arrived as they were written, not all at the end")
                .isGreaterThan(Duration.ofMillis(300));
        assertThat(events.stream().skip(1).map(e -> Integer.valueOf(e.id())).toList())
                .as("ids in order")
                .isSorted();
    }

    @Test
    void aClientThatConnectsAfterTheRunEndedGetsItsEventsAndTheResultAndTheStreamCloses() throws Exception {
        revbot.supervisor.writing(FRAGMENTS, Duration.ZERO);
        String id = post("How is Orion?");
        awaitSucceeded(id);

        List<Sse> events = read(id, e -> {}).get(10, TimeUnit.SECONDS);

        assertThat(events.get(0).data().get("status").asText()).isEqualTo("succeeded");
        assertThat(answer(events)).isEqualTo(String.join("", FRAGMENTS));
        assertThat(events.get(events.size() - 1).name()).isEqualTo("result");
        assertThat(events.get(events.size() - 1).data().at("/result/response").asText())
                .isEqualTo(String.join("", FRAGMENTS));
    }

    @Test
    void aReconnectingClientIsNotSentAgainWhatItSaw() throws Exception {
        revbot.supervisor.writing(FRAGMENTS, Duration.ZERO);
        String id = post("How is Orion?");
        awaitSucceeded(id);
        List<Sse> all = read(id, e -> {}).get(10, TimeUnit.SECONDS);
        String lastDelta = all.stream()
                .filter(e -> e.name().equals("answer_delta"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .id();

        HttpResponse<Stream<String>> again = revbot.http.send(
                events(id, WebhookFixture.TOKEN)
                        .header("Last-Event-ID", lastDelta)
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        List<Sse> rest = parse(again.body(), e -> {});

        assertThat(rest).extracting(Sse::name).containsExactly("status", "answer", "result");
    }

    @Test
    void aRequestAnsweredByAnotherProcessStreamsItsStoredStatusChangesAndResult() throws Exception {
        revbot.close();
        revbot = new WebhookFixture(new InMemoryJobQueue(Clock.systemUTC()), true);
        revbot.supervisor.holding().writing(FRAGMENTS, Duration.ZERO);
        String id = post("How is Orion?");
        CompletableFuture<List<Sse>> stream = read(id, e -> {});
        awaitRunning(id);
        Thread.sleep(1_500); // the stream reads the stored job once a second

        revbot.supervisor.release();
        List<Sse> events = stream.get(20, TimeUnit.SECONDS);

        assertThat(events)
                .extracting(Sse::name)
                .doesNotContain("answer_delta", "step")
                .endsWith("result");
        assertThat(events)
                .filteredOn(e -> e.name().equals("status"))
                .extracting(e -> e.data().get("status").asText())
                .containsSubsequence("running");
        assertThat(events.get(events.size() - 1).data().at("/result/response").asText())
                .isEqualTo(String.join("", FRAGMENTS));
    }

    @Test
    void theStreamIsRefusedWithoutATokenAndIsNotFoundForAnotherClient() throws Exception {
        revbot.supervisor.writing(FRAGMENTS, Duration.ZERO);
        String id = post("Orion deal history");
        awaitSucceeded(id);

        HttpResponse<String> anonymous = revbot.send(HttpRequest.newBuilder(revbot.uri("/webhook/" + id + "/events")));
        HttpResponse<String> theirs = revbot.send(events(id, WebhookFixture.OTHER_TOKEN));
        HttpResponse<String> unknown =
                revbot.send(events("00000000-0000-0000-0000-000000000000", WebhookFixture.OTHER_TOKEN));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(WebhookJson.MAPPER
                        .readTree(anonymous.body())
                        .at("/error/code")
                        .asText())
                .isEqualTo("unauthorized");
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(theirs.body()).doesNotContain("Orion");
        assertThat(theirs.body().replace(id, "ID"))
                .isEqualTo(unknown.body().replace("00000000-0000-0000-0000-000000000000", "ID"));
    }

    void awaitRunning(String id) throws Exception {
        awaitStatus(id, "running");
    }

    void awaitSucceeded(String id) throws Exception {
        awaitStatus(id, "succeeded");
    }

    void awaitStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (WebhookJson.MAPPER
                    .readTree(revbot.status(id).body())
                    .path("status")
                    .asText()
                    .equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never reached " + status);
    }
}
