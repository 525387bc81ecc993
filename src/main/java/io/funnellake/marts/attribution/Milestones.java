package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.common.Inputs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Orders each opportunity's touches and marks its milestones (metrics.md "Attribution").
 *
 * <p>Adds {@code touch_number} (1 = first, by touched_at, then kind, then touch_id), {@code
 * total_touches}, and the flags {@code is_first_touch} (FT), {@code is_last_touch}, {@code
 * is_lead_creation_touch} (LC: the first response whose type is a configured lead-creation type,
 * else the first marketing response, else the first touch), {@code is_opportunity_creation_touch}
 * (OC: the last touch at or before the opportunity was created; none when every touch came later),
 * {@code is_closed_won_touch} (CW: the last touch of a won deal; touches after close are already
 * gone) and {@code is_last_non_direct_touch} (the last touch whose channel is not the direct
 * channel, else the last touch).
 */
public final class Milestones {
  private Milestones() {}

  /**
   * @param touches one row per opportunity and touch, with {@code opportunity_id, touch_kind,
   *     touch_id, touched_at, channel, response_type, opportunity_created_at, is_won}
   */
  public static Dataset<Row> mark(Dataset<Row> touches, AttributionSettings a) {
    Inputs.require(
        "Milestones.mark",
        touches,
        "opportunity_id",
        "touch_kind",
        "touch_id",
        "touched_at",
        "channel",
        "response_type",
        "opportunity_created_at",
        "is_won");
    WindowSpec ordered =
        Window.partitionBy("opportunity_id")
            .orderBy(col("touched_at"), Touchpoints.kindRank(col("touch_kind")), col("touch_id"));
    WindowSpec whole = Window.partitionBy("opportunity_id");
    Column isResponse = col("touch_kind").equalTo(Touchpoints.MARKETING_RESPONSE);
    Column lcRank =
        when(
                isResponse.and(
                    coalesce(
                        col("response_type").isin(a.leadCreationResponseTypes().toArray()),
                        lit(false))),
                lit(1))
            .when(isResponse, lit(2))
            .otherwise(lit(3));
    Column lcPick = min(struct(col("_lc_rank"), col("touch_number"))).over(whole);
    Column ocNumber =
        max(when(col("touched_at").leq(col("opportunity_created_at")), col("touch_number")))
            .over(whole);
    Column lndNumber =
        coalesce(
            max(when(col("channel").notEqual(a.directChannel()), col("touch_number"))).over(whole),
            col("total_touches"));
    return touches
        .withColumn("touch_number", row_number().over(ordered))
        .withColumn("total_touches", count(lit(1)).over(whole))
        .withColumn("_lc_rank", lcRank)
        .withColumn("_lc_pick", lcPick)
        .withColumn("is_first_touch", col("touch_number").equalTo(1))
        .withColumn("is_last_touch", col("touch_number").equalTo(col("total_touches")))
        .withColumn(
            "is_lead_creation_touch",
            col("touch_number").equalTo(col("_lc_pick").getField("touch_number")))
        .withColumn(
            "is_opportunity_creation_touch",
            coalesce(col("touch_number").equalTo(ocNumber), lit(false)))
        .withColumn("is_closed_won_touch", col("is_won").and(col("is_last_touch")))
        .withColumn("is_last_non_direct_touch", col("touch_number").equalTo(lndNumber))
        .drop("_lc_rank", "_lc_pick");
  }
}
