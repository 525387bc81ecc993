package io.funnellake.marts.attribution;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.attribution_by_channel}: touch credit per model, period and channel ({@link
 * CreditRollup}).
 */
public final class AttributionByChannel extends DefinedMart {
  public static final String NAME = "attribution_by_channel";

  public AttributionByChannel() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("model", "period_start", "channel"),
        "Attributed opportunities, pipeline, conversions and won revenue per channel.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(
        ctx.table(Lakehouse.GOLD, AttributionTouchCredit.NAME),
        AttributionSettings.of(ctx.config()));
  }

  public static Dataset<Row> of(Dataset<Row> credit, AttributionSettings a) {
    return CreditRollup.by(credit, a.period(), "channel");
  }
}
