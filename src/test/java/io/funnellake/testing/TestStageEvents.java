package io.funnellake.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.funnellake.lakehouse.Lakehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * TEST ONLY: a minimal stand-in for {@code silver.int_lead_stage_events}, which the funnel marts
 * build in production (another branch). It follows that table's contract closely enough for the
 * scoring tests: grain lead_id x stage x occurrence; occurrence 1 only; {@code entered_at} = first
 * entry into the stage from lead_status_history, back-populated for a skipped stage from the next
 * stage reached ({@code is_backfilled}); {@code exited_at} null. Do not use it in main code.
 */
public final class TestStageEvents {
  public static final String TABLE = "int_lead_stage_events";

  private TestStageEvents() {}

  /**
   * @param history silver.lead_status_history ({@code lead_id, changed_at, status})
   * @param leads silver.leads ({@code lead_id, lead_key})
   * @param order the ordered lead stages (funnel.stages.lead.order)
   */
  public static Dataset<Row> fromHistory(
      Dataset<Row> history, Dataset<Row> leads, List<String> order) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      rows.add(RowFactory.create(order.get(i), i));
    }
    Dataset<Row> stages =
        history
            .sparkSession()
            .createDataFrame(
                rows,
                new StructType()
                    .add("stage", DataTypes.StringType)
                    .add("stage_index", DataTypes.IntegerType));
    Dataset<Row> direct =
        history
            .join(stages, history.col("status").equalTo(stages.col("stage")))
            .groupBy(col("lead_id"), col("stage_index").as("src_index"))
            .agg(min("changed_at").as("direct_at"));
    Dataset<Row> reached =
        direct.groupBy(col("lead_id").as("_lid")).agg(max("src_index").as("max_index"));
    Dataset<Row> targets =
        reached.crossJoin(stages).filter(col("stage_index").leq(col("max_index")));
    return targets
        .join(
            direct,
            targets
                .col("_lid")
                .equalTo(direct.col("lead_id"))
                .and(direct.col("src_index").geq(targets.col("stage_index"))))
        .groupBy(col("lead_id"), col("stage"), col("stage_index"))
        .agg(expr("min_by(direct_at, src_index)").as("entered_at"), min("src_index").as("_from"))
        .join(leads.select("lead_id", "lead_key"), "lead_id")
        .select(
            col("lead_id"),
            col("lead_key"),
            col("stage"),
            col("stage_index"),
            lit(1).as("occurrence"),
            col("entered_at"),
            col("_from").notEqual(col("stage_index")).as("is_backfilled"),
            lit(null).cast("timestamp").as("exited_at"));
  }

  /** Builds it from the lakehouse's silver tables and overwrites it there (a new version). */
  public static long writeTo(Lakehouse lakehouse, List<String> order) {
    fromHistory(
            lakehouse.read(Lakehouse.SILVER, "lead_status_history"),
            lakehouse.read(Lakehouse.SILVER, "leads"),
            order)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(lakehouse.path(Lakehouse.SILVER, TABLE));
    return lakehouse.version(Lakehouse.SILVER, TABLE);
  }
}
