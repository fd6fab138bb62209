package io.revbot.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DealQueriesTest {

    @Test
    void daysInStageIsUnknownWhenTheActiveStageHasNeitherAStartNorARecordedCount() {
        try (SchemaDatabase db = new SchemaDatabase()) {
            db.exec(
                    "insert into opportunity_stage_f values (?, ?, ?, null, null, null, true)",
                    "OX",
                    "Discovery",
                    "POC");

            assertThat(DealQueries.daysInStage(new QueryTrace(db), "OX", "POC", LocalDate.of(2026, 3, 16)))
                    .isNull();
        }
    }

    @Test
    void daysInStageFallsBackToTheRecordedCountWithoutAStart() {
        try (SchemaDatabase db = new SchemaDatabase()) {
            db.exec(
                    "insert into opportunity_stage_f values (?, ?, ?, ?, null, null, true)",
                    "OY",
                    "Discovery",
                    "POC",
                    12);

            assertThat(DealQueries.daysInStage(new QueryTrace(db), "OY", "POC", LocalDate.of(2026, 3, 16)))
                    .isEqualTo(12L);
        }
    }
}
