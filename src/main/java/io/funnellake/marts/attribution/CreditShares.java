package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.marts.attribution.AttributionSettings.PositionWeights;
import io.funnellake.marts.common.Inputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Each model's credit share of every counted touch. All models are computed side by side in one
 * pass over the touches (one column per model, windows per opportunity), then unpivoted to one row
 * per touch and model with {@code model} and {@code credit_share}. Shares of one opportunity sum to
 * 1 for every model and are never negative.
 *
 * <ul>
 *   <li>first_touch, last_touch, last_non_direct, lead_creation: 1 to the milestone touch.
 *   <li>linear: 1 / n.
 *   <li>u_shaped, w_shaped, full_path, custom: the position weights a touch holds (summed when it
 *       holds several); {@code middle} shared equally by the touches strictly between the first and
 *       the last touch holding a weighted position and holding none; then normalised, which spreads
 *       the weight of a missing position (no middle touches, no OC or CW) over the others in
 *       proportion to their weights.
 *   <li>time_decay: 0.5 ^ (age / half-life), normalised. Age is measured from the path's last
 *       touch: normalising cancels the offset to the conversion, so shares are those of "time to
 *       conversion", without underflow on old touches.
 *   <li>markov, leave_one_out: each distinct channel of the path gets its channel value (removal
 *       effect, leave-one-out value) over the sum of the path's channel values, split equally among
 *       that channel's touches in the path; when the path's channels are all valued 0 (e.g.
 *       channels seen only in open deals), equally per channel.
 *   <li>shapley: each distinct channel of the path gets 1 / (distinct channels), split equally
 *       among its touches: summed over won deals this is exactly the Shapley value of metrics.md's
 *       game (see {@link ShapleyValues}).
 * </ul>
 */
public final class CreditShares {
  private CreditShares() {}

  /**
   * @param touches {@code int_attribution_touches}
   * @param effects {@code gold.attribution_channel_effects} ({@code model, channel, channel_value})
   * @return the touch columns plus {@code model} and {@code credit_share}
   */
  public static Dataset<Row> of(Dataset<Row> touches, Dataset<Row> effects, AttributionSettings a) {
    Inputs.require(
        "CreditShares",
        touches,
        "opportunity_id",
        "touch_number",
        "total_touches",
        "touched_at",
        "channel",
        "is_first_touch",
        "is_last_touch",
        "is_lead_creation_touch",
        "is_opportunity_creation_touch",
        "is_closed_won_touch",
        "is_last_non_direct_touch");
    Inputs.require("CreditShares", effects, "model", "channel", "channel_value");
    String[] ids = touches.columns();
    Dataset<Row> values =
        effects
            .groupBy(col("channel").as("_v_channel"))
            .agg(
                max(when(col("model").equalTo(Model.MARKOV.value()), col("channel_value")))
                    .as("_v_markov"),
                max(when(col("model").equalTo(Model.LEAVE_ONE_OUT.value()), col("channel_value")))
                    .as("_v_leave_one_out"));
    // a frame in touch order: sums over it add the same numbers in the same order every run
    WindowSpec opportunity =
        Window.partitionBy("opportunity_id")
            .orderBy("touch_number")
            .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    WindowSpec channelInPath = Window.partitionBy("opportunity_id", "channel");
    List<Model> weighted = a.models().stream().filter(Model::isWeighted).toList();
    // three passes over each opportunity's touches, whatever the number of models: what each
    // touch holds, then the middle touches of the weighted models, then every model's totals
    List<Column> firstPass =
        new ArrayList<>(
            List.of(
                col("*"),
                count(lit(1)).over(channelInPath).as("_channel_touches"),
                max(col("touched_at")).over(opportunity).as("_last_at")));
    for (Model m : weighted) {
      Column holds = holds(a.weights().get(m));
      firstPass.add(holds.as("_holds_" + m.value()));
      firstPass.add(min(when(holds, col("touch_number"))).over(opportunity).as("_lo_" + m.value()));
      firstPass.add(max(when(holds, col("touch_number"))).over(opportunity).as("_hi_" + m.value()));
    }
    Dataset<Row> df =
        touches
            .join(broadcast(values), col("channel").equalTo(col("_v_channel")), "left")
            .select(firstPass.toArray(new Column[0]));
    List<Column> secondPass = new ArrayList<>(List.of(col("*")));
    for (Model m : weighted) {
      Column middle =
          coalesce(
              not(col("_holds_" + m.value()))
                  .and(col("touch_number").gt(col("_lo_" + m.value())))
                  .and(col("touch_number").lt(col("_hi_" + m.value()))),
              lit(false));
      secondPass.add(middle.as("_middle_" + m.value()));
      secondPass.add(sum(flag(middle)).over(opportunity).as("_middles_" + m.value()));
    }
    df = df.select(secondPass.toArray(new Column[0]));
    List<Column> thirdPass = new ArrayList<>(List.of(col("*")));
    for (Model m : a.models()) {
      Column raw = m.isWeighted() ? positionWeight(a.weights().get(m), m.value()) : raw(m, a);
      thirdPass.add(raw.as("_raw_" + m.value()));
      thirdPass.add(sum(raw).over(opportunity).as("_total_" + m.value()));
      thirdPass.add(sum(fallback(m)).over(opportunity).as("_fallback_total_" + m.value()));
    }
    df = df.select(thirdPass.toArray(new Column[0]));
    List<Column> shareColumns = new ArrayList<>();
    for (Model m : a.models()) {
      shareColumns.add(
          when(
                  col("_total_" + m.value()).gt(0),
                  col("_raw_" + m.value()).divide(col("_total_" + m.value())))
              .otherwise(fallback(m).divide(col("_fallback_total_" + m.value())))
              .as(m.value()));
    }
    Column[] idColumns = new Column[ids.length];
    for (int i = 0; i < ids.length; i++) {
      idColumns[i] = col(ids[i]);
    }
    return df.unpivot(idColumns, shareColumns.toArray(new Column[0]), "model", "credit_share");
  }

  /** A touch's share when no touch of its path has a weight under the model. */
  private static Column fallback(Model m) {
    return m.isChannelValued()
        ? lit(1.0).divide(col("_channel_touches"))
        : lit(1.0).divide(col("total_touches"));
  }

  private static Column raw(Model m, AttributionSettings a) {
    return switch (m) {
      case FIRST_TOUCH -> flag("is_first_touch");
      case LAST_TOUCH -> flag("is_last_touch");
      case LAST_NON_DIRECT -> flag("is_last_non_direct_touch");
      case LEAD_CREATION -> flag("is_lead_creation_touch");
      case LINEAR -> lit(1.0);
      case TIME_DECAY ->
          pow(
              lit(0.5),
              col("_last_at")
                  .cast("double")
                  .minus(col("touched_at").cast("double"))
                  .divide(a.halfLifeDays() * 86400.0));
      case MARKOV -> coalesce(col("_v_markov"), lit(0.0)).divide(col("_channel_touches"));
      case LEAVE_ONE_OUT ->
          coalesce(col("_v_leave_one_out"), lit(0.0)).divide(col("_channel_touches"));
      case SHAPLEY -> lit(1.0).divide(col("_channel_touches"));
      default -> throw new IllegalArgumentException("weighted model " + m);
    };
  }

  private static final String[] POSITIONS = {
    "is_first_touch",
    "is_last_touch",
    "is_lead_creation_touch",
    "is_opportunity_creation_touch",
    "is_closed_won_touch"
  };

  private static double[] weights(PositionWeights w) {
    return new double[] {
      w.first(), w.last(), w.leadCreation(), w.opportunityCreation(), w.closedWon()
    };
  }

  /** Whether a touch holds a position the model weighs. */
  private static Column holds(PositionWeights w) {
    Column holds = lit(false);
    double[] weights = weights(w);
    for (int i = 0; i < POSITIONS.length; i++) {
      if (weights[i] > 0) {
        holds = holds.or(col(POSITIONS[i]));
      }
    }
    return holds;
  }

  /** The position weights a touch holds plus its part of the middle weight. */
  private static Column positionWeight(PositionWeights w, String model) {
    Column weight = lit(0.0);
    double[] weights = weights(w);
    for (int i = 0; i < POSITIONS.length; i++) {
      if (weights[i] > 0) {
        weight = weight.plus(flag(POSITIONS[i]).multiply(weights[i]));
      }
    }
    return weight.plus(
        when(col("_middle_" + model), lit(w.middle()).divide(col("_middles_" + model)))
            .otherwise(0.0));
  }

  private static Column flag(Column c) {
    return when(c, lit(1.0)).otherwise(lit(0.0));
  }

  private static Column flag(String name) {
    return flag(col(name));
  }
}
