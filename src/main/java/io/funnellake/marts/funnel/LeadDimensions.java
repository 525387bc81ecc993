package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.funnellake.marts.common.Inputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The dimensions every funnel table is cut by: channel (lead source normalised), original campaign,
 * sourced-by, industry, company size, persona, region, owner (the lead's current owner; the
 * contract keeps no owner history) and the owner's team. An empty value becomes {@code unknown} so
 * grains stay not null.
 */
public final class LeadDimensions {
  private LeadDimensions() {}

  public static final List<String> NAMES =
      List.of(
          "channel",
          "original_campaign_id",
          "sourced_by",
          "industry",
          "company_size",
          "persona",
          "region",
          "owner_id",
          "team");

  public static final String UNKNOWN = "unknown";

  /**
   * A column of {@code int_lead_funnel} and {@code int_lead_dimensions}: a 64-bit hash of the
   * dimension values. Aggregates group by it instead of nine strings (far fewer bytes to hash, sort
   * and shuffle) and take the names from {@code int_lead_dimensions} at the end, whose build fails
   * should two combinations ever share a key ({@link LeadDimensionKeys}).
   */
  public static final String KEY = "dimension_key";

  /**
   * {@link #KEY} of the dimension columns; {@code seed}: {@code funnel.funnel.dimension_key_seed}.
   */
  public static Column key(long seed) {
    List<Column> parts = new ArrayList<>(List.of(lit(seed)));
    parts.addAll(columns());
    return xxhash64(parts.toArray(new Column[0]));
  }

  /** Empty values as {@code unknown}. */
  public static Column orUnknown(Column c) {
    return coalesce(c, lit(UNKNOWN));
  }

  /**
   * {@code lead_id, lead_key, created_at} and the dimension columns of live leads.
   *
   * @param liveLeads silver leads without tombstones
   * @param reps silver reps (team by owner)
   */
  public static Dataset<Row> of(Dataset<Row> liveLeads, Dataset<Row> reps) {
    Inputs.require(liveLeads, "LeadDimensions", "lead_id", "lead_key", "created_at", "owner_id");
    Inputs.require(reps, "LeadDimensions(reps)", "rep_id", "team");
    Dataset<Row> teams = reps.select(col("rep_id").as("_rep_id"), col("team").as("_team"));
    List<Column> cols =
        new ArrayList<>(List.of(col("lead_id"), col("lead_key"), col("created_at")));
    for (String d : NAMES) {
      cols.add(orUnknown(col(d.equals("team") ? "_team" : d)).as(d));
    }
    return liveLeads
        .join(teams, liveLeads.col("owner_id").equalTo(teams.col("_rep_id")), "left")
        .select(cols.toArray(new Column[0]));
  }

  /** The dimension columns, for select and groupBy. */
  public static List<Column> columns() {
    return NAMES.stream().map(n -> col(n)).toList();
  }
}
