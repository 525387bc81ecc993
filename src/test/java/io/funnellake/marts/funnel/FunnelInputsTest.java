package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.errors.FunnelException;
import io.funnellake.marts.followup.DisqualificationReasons;
import io.funnellake.marts.followup.FollowupSettings;
import io.funnellake.marts.followup.FollowupSla;
import io.funnellake.marts.followup.FollowupSlaTargets;
import io.funnellake.marts.followup.HandoffAcceptance;
import io.funnellake.marts.followup.LeadTouches;
import io.funnellake.marts.followup.MqlHandoffs;
import io.funnellake.marts.followup.RepCapacity;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to every funnel and follow-up transform: a frame without the columns the transform
 * reads fails before any Spark job with a TRANSFORM_INPUT error naming the transform (and the
 * missing columns), never with a Spark analysis error deep inside a plan.
 */
class FunnelInputsTest {
  static final FunnelConfig CONFIG =
      TestConfigs.config(Path.of("target/none"), Path.of("target/none"), "2025-11-30");
  static final FunnelSettings FS = FunnelSettings.of(CONFIG);
  static final FollowupSettings FU = FollowupSettings.of(CONFIG);
  static final ZoneId ZONE = ZoneId.of("UTC");
  static final LocalDate RUN = LocalDate.parse("2025-11-30");
  static final Column AS_OF = lit(Timestamp.valueOf("2025-12-01 00:00:00"));

  static Dataset<Row> none() {
    return TestSpark.session().emptyDataFrame();
  }

  static Arguments call(String transform, Executable call) {
    return Arguments.of(transform, call);
  }

  static Stream<Arguments> transforms() {
    Dataset<Row> e = none();
    StageEvents.Spec spec = LeadStageEvents.spec(CONFIG.stages());
    return Stream.of(
        call("StageEvents.steps", () -> StageEvents.steps(e, e, spec)),
        call("StageEvents.changes", () -> StageEvents.occurrences(e, spec)),
        call("LeadDimensions", () -> LeadDimensions.of(e, e)),
        call("LeadFunnel", () -> LeadFunnel.summarise(e, e, e, FS, AS_OF)),
        call("CohortConversion", () -> CohortConversion.convert(e, e, e, FS, ZONE, RUN)),
        call("PeriodConversion", () -> PeriodConversion.convert(e, e, e, FS, ZONE)),
        call("EndToEndConversion", () -> EndToEndConversion.convert(e, e, FS, ZONE, RUN)),
        call("StageVelocity", () -> StageVelocity.velocity(e, e, e, FS, ZONE)),
        call("SalesCycleLength", () -> SalesCycleLength.cycles(e, e, FS, ZONE)),
        call("TimeInStage", () -> TimeInStage.timeInStage(e, e, e, FS, ZONE, AS_OF)),
        call("LeadDimensionKeys", () -> LeadDimensionKeys.of(e)),
        call("LeadAging", () -> LeadAging.aging(e, e, FS, RUN, AS_OF)),
        call(
            "FunnelDataWarnings",
            () -> FunnelDataWarnings.warnings(e, e, e, e, CONFIG.stages(), c -> c, AS_OF)),
        call("LeadTouches", () -> LeadTouches.touches(e, e, FU)),
        call("MqlHandoffs", () -> MqlHandoffs.handoffs(e, e, e, e, e, FS, FU, AS_OF)),
        call("FollowupSla", () -> FollowupSla.followup(e, FS, ZONE)),
        call("FollowupSlaTargets", () -> FollowupSlaTargets.targets(e, FS, FU, ZONE, AS_OF)),
        call("HandoffAcceptance", () -> HandoffAcceptance.acceptance(e, FS, ZONE)),
        call("RepCapacity", () -> RepCapacity.capacity(e, e, e, e, FU, ZONE, RUN)),
        call("DisqualificationReasons", () -> DisqualificationReasons.reasons(e, e, FS, FU, ZONE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transforms")
  void aFrameWithoutTheColumnsFailsNamingTheTransform(String transform, Executable call) {
    FunnelException e = assertThrows(FunnelException.class, call);
    assertEquals("TRANSFORM_INPUT", e.code());
    assertTrue(e.problem().startsWith("Transform " + transform), e.getMessage());
  }

  @Test
  void theErrorNamesTheOneMissingColumn() {
    // silver leads without the owner: LeadDimensions cannot find the team
    Dataset<Row> leads =
        TestFrames.silver(Entity.LEADS, "lead_id,lead_key,created_at", "L1,k1,2025-11-01T09:00:00Z")
            .drop("owner_id");
    Dataset<Row> reps = TestFrames.silver(Entity.REPS, "rep_id,team", "R1,east");
    FunnelException e = assertThrows(FunnelException.class, () -> LeadDimensions.of(leads, reps));
    assertEquals("Transform LeadDimensions lacks input column(s) [owner_id].", e.problem());
  }
}
