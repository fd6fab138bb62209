package io.revbot.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.revbot.orchestrator.recording.ConversationJson;
import io.revbot.orchestrator.recording.ConversationStore;
import io.revbot.orchestrator.recording.ConversationStore.Stored;
import io.revbot.orchestrator.recording.FileFeedbackStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageChartsTest {
    @TempDir
    static Path exports;

    static List<Stored> runs;

    @BeforeAll
    static void record() throws Exception {
        UsageRuns.writeTo(exports);
        runs = new ConversationStore(exports, new FileFeedbackStore(exports)).loadAll(Optional.empty());
    }

    @Test
    void daysAreTheViewersCalendarDaysSoARunNearMidnightMovesDay() {
        JsonNode utc = UsageCharts.of(runs, ZoneOffset.UTC);
        JsonNode auckland = UsageCharts.of(runs, ZoneId.of("Pacific/Auckland"));
        // The first run started 76 h before the last whole hour, the last one half an hour before it.
        Instant first = UsageRuns.NOW.minus(Duration.ofHours(76));
        Instant last = UsageRuns.NOW.minus(Duration.ofMinutes(30));
        assertThat(utc.get("days").get(0).asText())
                .isEqualTo(LocalDate.ofInstant(first, ZoneOffset.UTC).toString());
        assertThat(auckland.get("days").get(auckland.get("days").size() - 1).asText())
                .isEqualTo(
                        LocalDate.ofInstant(last, ZoneId.of("Pacific/Auckland")).toString());
        assertThat(auckland.get("days").size()).isEqualTo(days(first, last, ZoneId.of("Pacific/Auckland")));
        assertThat(utc.get("days").size()).isEqualTo(days(first, last, ZoneOffset.UTC));
        for (JsonNode charts : List.of(utc, auckland)) {
            int total = 0;
            for (JsonNode series : charts.get("runs_per_day")) {
                assertThat(series.get("counts")).hasSameSizeAs(charts.get("days"));
                for (JsonNode n : series.get("counts")) {
                    total += n.asInt();
                }
            }
            assertThat(total).isEqualTo(17);
        }
    }

    @Test
    void feedbackRoutingAndCacheShareAddUp() {
        JsonNode charts = UsageCharts.of(runs, ZoneOffset.UTC);
        assertThat(charts.get("feedback").toString()).isEqualTo("{\"rated\":5,\"negative\":2,\"negative_rate\":0.4}");
        int routed = 0;
        for (JsonNode r : charts.get("routing")) {
            routed += r.get("runs").asInt();
        }
        assertThat(routed).isEqualTo(17);
        assertThat(charts.at("/per_day/cache_read_share"))
                .allSatisfy(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
        assertThat(UsageCharts.cacheShare(new long[] {600, 50, 300, 100})).isEqualTo(0.3);
        assertThat(UsageCharts.cacheShare(new long[4])).isZero();
    }

    @Test
    void aRunsFeedbackIsTheValueTheConversationStoreMergedIntoItsMetadata() throws Exception {
        assertThat(feedback("{\"feedback\":{\"value\":\"negative\",\"user\":\"slack:T1:U1\"}}"))
                .contains("negative");
        assertThat(feedback("{\"feedback\":{\"value\":\"positive\"}}")).contains("positive");
        assertThat(feedback("{}")).isEmpty();
        assertThat(feedback("{\"feedback\":null}")).isEmpty();
    }

    private static int days(Instant first, Instant last, ZoneId zone) {
        return (int) (LocalDate.ofInstant(last, zone).toEpochDay()
                        - LocalDate.ofInstant(first, zone).toEpochDay())
                + 1;
    }

    private static Optional<String> feedback(String metadata) throws Exception {
        return UsageCharts.feedback(new Stored(
                exports, ConversationJson.MAPPER.createObjectNode(), ConversationJson.MAPPER.readTree(metadata)));
    }
}
