package io.funnellake.marts.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The targets file parser: valid lines, period boundaries, and errors naming file and line. */
class TargetsTest {
  static final String H = Targets.HEADER;

  static List<Targets.Target> parse(String... lines) {
    return Targets.parse("conf/targets.csv", List.of(lines));
  }

  static String error(String... lines) {
    FunnelException e = assertThrows(FunnelException.class, () -> parse(lines));
    return e.getMessage();
  }

  @Test
  void parsesTargetsSkippingCommentsAndBlankLines() {
    List<Targets.Target> t =
        parse(
            "# targets agreed 2025-10-28",
            "",
            H,
            "quarter,2025-10-01,all,,won_revenue,250000",
            "week,2025-12-29,team,east,mql_volume,12",
            "month,2025-11-01,channel,webinar,mql_to_sql_rate,0.2");
    assertEquals(
        List.of(
            new Targets.Target(
                "quarter", LocalDate.of(2025, 10, 1), "all", "all", "won_revenue", 250000),
            new Targets.Target(
                "week", LocalDate.of(2025, 12, 29), "team", "east", "mql_volume", 12),
            new Targets.Target(
                "month", LocalDate.of(2025, 11, 1), "channel", "webinar", "mql_to_sql_rate", 0.2)),
        t);
  }

  @Test
  void aMonthlyAndAQuarterlyTargetForTheSameMetricDoNotOverlap() {
    assertEquals(
        2,
        parse(H, "month,2025-10-01,all,,mql_volume,40", "quarter,2025-10-01,all,,mql_volume,120")
            .size());
  }

  @Test
  void periodStartMustBeTheFirstDayOfItsPeriod() {
    String m = error(H, "month,2025-11-01,all,,mql_volume,1", "month,2025-11-30,all,,mql_volume,1");
    assertTrue(m.contains("conf/targets.csv line 3"), m);
    assertTrue(m.contains("not the first day of a month"), m);
    assertTrue(m.contains("Use 2025-11-01"), m);
    // 2025-12-29 is a Monday; the 31st (Wednesday) is not a week start
    assertTrue(error(H, "week,2025-12-31,all,,mql_volume,1").contains("Use 2025-12-29"));
    assertTrue(error(H, "quarter,2025-11-01,all,,mql_volume,1").contains("Use 2025-10-01"));
  }

  @Test
  void overlappingTargetsNameBothLines() {
    String m =
        error(
            H,
            "month,2025-11-01,team,east,mql_volume,10",
            "month,2025-11-01,team,west,mql_volume,10",
            "month,2025-11-01,team,east,mql_volume,12");
    assertTrue(m.contains("conf/targets.csv line 4"), m);
    assertTrue(m.contains("overlaps line 2"), m);
  }

  @Test
  void malformedLinesFailWithFileAndLine() {
    assertTrue(error("period,start", "x").contains("line 1"));
    assertTrue(error(H, "month,2025-11-01,all,,mql_volume").contains("Expected 6"));
    assertTrue(error(H, "month,2025-11-01,all,,mqls,4").contains("metric 'mqls' is unknown"));
    assertTrue(error(H, "month,2025-11-01,all,,mql_volume,lots").contains("not a number"));
    assertTrue(error(H, "month,2025-11-01,all,,mql_to_sql_rate,25").contains("is a share"));
    assertTrue(error(H, "month,2025-11-01,team,,mql_volume,4").contains("needs a scope_value"));
    assertTrue(error(H, "year,2025-01-01,all,,mql_volume,4").contains("period_grain 'year'"));
    assertTrue(error(H, "month,Nov 2025,all,,mql_volume,4").contains("is not a date"));
    assertTrue(error(H, "month,2025-11-01,region,emea,mql_volume,4").contains("scope 'region'"));
  }

  @Test
  void aMissingFileNamesTheKey(@TempDir Path dir) {
    String file = dir.resolve("nope.csv").toString();
    FunnelException e =
        assertThrows(FunnelException.class, () -> Targets.load(file, "funnel.goals.targets_file"));
    assertTrue(e.getMessage().contains(file) && e.getMessage().contains("funnel.goals"));
    assertEquals(List.of(), Targets.load("", "funnel.goals.targets_file"));
  }

  @Test
  void theExampleFileParses() {
    String file =
        io.funnellake.testing.TestConfigs.projectDir()
            .resolve("conf/targets.example.csv")
            .toString();
    assertEquals(6, Targets.load(file, "funnel.goals.targets_file").size());
  }

  @Test
  void badGoalsConfigNamesTheKey(@TempDir Path dir) {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () ->
                GoalsSettings.of(
                    io.funnellake.testing.TestConfigs.config(
                        dir, dir, "2025-11-20", "goals.scorecard.split_by", "[region]")));
    assertTrue(e.getMessage().contains("funnel.goals.scorecard.split_by"), e.getMessage());
    e =
        assertThrows(
            FunnelException.class,
            () ->
                GoalsSettings.of(
                    io.funnellake.testing.TestConfigs.config(
                        dir, dir, "2025-11-20", "goals.sql_stage", "qualified")));
    assertTrue(e.getMessage().contains("funnel.goals.sql_stage"), e.getMessage());
  }
}
