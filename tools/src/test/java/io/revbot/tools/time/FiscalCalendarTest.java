package io.revbot.tools.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Month;
import org.junit.jupiter.api.Test;

class FiscalCalendarTest {

    @Test
    void calendarQuartersFollowTheCalendarYear() {
        var q = FiscalCalendar.calendarQuarters().quarterOf(LocalDate.of(2026, 11, 24));
        assertThat(q.label()).isEqualTo("2026-Q4");
        assertThat(q.start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q.end()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(q.daysElapsed(LocalDate.of(2026, 11, 24))).isEqualTo(55);
    }

    @Test
    void aFiscalYearStartingInFebruaryIsNamedAfterTheYearItEnds() {
        var calendar = new FiscalCalendar(Month.FEBRUARY);
        var q = calendar.quarterOf(LocalDate.of(2026, 1, 15));
        assertThat(q.label()).isEqualTo("FY2026-Q4");
        assertThat(q.start()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(calendar.quarterOf(LocalDate.of(2026, 2, 1)).label()).isEqualTo("FY2027-Q1");
    }

    @Test
    void parsesQuarterLabelsAndRejectsOthers() {
        var calendar = FiscalCalendar.calendarQuarters();
        assertThat(calendar.parse("2026-Q1").end()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(calendar.parse("2026q3").start()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThatThrownBy(() -> calendar.parse("Q5 2026")).hasMessageContaining("2026-Q1");
    }

    @Test
    void previousAndNextCrossYearBoundaries() {
        var calendar = FiscalCalendar.calendarQuarters();
        var q1 = calendar.parse("2026-Q1");
        assertThat(q1.previous(calendar).label()).isEqualTo("2025-Q4");
        assertThat(q1.next(calendar).label()).isEqualTo("2026-Q2");
    }
}
