package io.funnellake.marts.attribution;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.attribution_by_channel}: touch credit per model, period and channel ({@link
 * CreditRollup}).
 */
public final class AttributionByChannel implements Mart {
  public static final String NAME = "attribution_by_channel";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> grain() {
    return List.of("model", "period_start", "channel");
  }

  @Override
  public String description() {
    return "Attributed opportunities, pipeline, conversions and won revenue per channel.";
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
