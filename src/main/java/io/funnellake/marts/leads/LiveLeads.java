package io.funnellake.marts.leads;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver keeps deleted and merged leads as tombstones (so an older record arriving late cannot
 * bring them back); marts count only live leads.
 */
public final class LiveLeads {
  private LiveLeads() {}

  public static Dataset<Row> of(Dataset<Row> silverLeads) {
    return silverLeads.filter(
        col("is_deleted").equalTo(false).and(col("merged_into_lead_id").isNull()));
  }
}
