package io.funnellake.marts.common;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnellake.contract.Entity;
import io.funnellake.errors.FunnelException;
import io.funnellake.testing.TestFrames;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodsTest {
  @Test
  void periodsAreCutInTheReportingZone() {
    // 2025-12-31 23:30 UTC is already 2026-01-01 in Berlin, but still 2025-12-31 in New York
    var leads = TestFrames.silver(Entity.LEADS, "lead_id,created_at", "L1,2025-12-31T23:30:00Z");
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZoneId ny = ZoneId.of("America/New_York");
    var row =
        leads
            .select(
                Periods.localDate(col("created_at"), berlin),
                Periods.periodStart(col("created_at"), Periods.Grain.WEEK, berlin),
                Periods.periodStart(col("created_at"), Periods.Grain.MONTH, berlin),
                Periods.periodStart(col("created_at"), Periods.Grain.QUARTER, berlin),
                Periods.periodStart(col("created_at"), Periods.Grain.QUARTER, ny),
                Periods.periodStart(col("created_at"), Periods.Grain.WEEK, ny))
            .collectAsList();
    // Thursday 2026-01-01 belongs to the ISO week starting Monday 2025-12-29
    assertEquals(
        "[[2026-01-01,2025-12-29,2026-01-01,2026-01-01,2025-10-01,2025-12-29]]", row.toString());
  }

  @Test
  void anUnknownGrainIsAClearConfigError() {
    FunnelException e =
        assertThrows(
            FunnelException.class, () -> Periods.Grain.parse("funnel.x.grain", "fortnight"));
    assertEquals("CONFIG_INVALID", e.code());
    assertEquals(
        List.of("day", "week", "month", "quarter").toString(),
        e.why().replace("Allowed values are ", "").replace(".", ""));
  }
}
