package io.funnellake.marts.funnel;

import io.funnellake.marts.Mart;
import io.funnellake.marts.followup.DisqualificationReasons;
import io.funnellake.marts.followup.FollowupSla;
import io.funnellake.marts.followup.FollowupSlaTargets;
import io.funnellake.marts.followup.HandoffAcceptance;
import io.funnellake.marts.followup.LeadTouches;
import io.funnellake.marts.followup.MqlHandoffs;
import io.funnellake.marts.followup.RepCapacity;
import java.util.List;

/** The funnel and follow-up marts in build order: intermediates first, then gold. */
public final class FunnelMarts {
  private FunnelMarts() {}

  public static List<Mart> all() {
    return List.of(
        new LeadStageEvents(),
        new LeadExits(),
        new OpportunityStageEvents(),
        new LeadFunnel(),
        new LeadDimensionKeys(),
        new LeadTouches(),
        new MqlHandoffs(),
        new CohortConversion(),
        new PeriodConversion(),
        new EndToEndConversion(),
        new StageVelocity(),
        new SalesCycleLength(),
        new TimeInStage(),
        new LeadAging(),
        new FollowupSla(),
        new FollowupSlaTargets(),
        new RepCapacity(),
        new HandoffAcceptance(),
        new DisqualificationReasons(),
        new FunnelDataWarnings());
  }
}
