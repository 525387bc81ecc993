package io.funnellake.marts.attribution;

import io.funnellake.marts.Mart;
import java.util.List;

/** The attribution marts in build order (intermediates first). */
public final class AttributionMarts {
  private AttributionMarts() {}

  public static List<Mart> all() {
    return List.of(
        new AttributionOpportunities(),
        new AttributionTouches(),
        new AttributionChannelEffects(),
        new AttributionTouchCredit(),
        new AttributionByCampaign(),
        new AttributionByChannel(),
        new SourceRevenue(),
        new CampaignRoi(),
        new CampaignAssociationCoverage(),
        new AttributionDataWarnings());
  }
}
