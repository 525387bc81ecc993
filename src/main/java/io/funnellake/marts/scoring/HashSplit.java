package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.funnellake.marts.common.InputColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stable assignment of leads to the arms of a live split: {@code bucket = pmod(xxhash64(salt,
 * lead_key), 100)}; arms take consecutive buckets in their listed order by share (50/50: buckets
 * 0-49 and 50-99). The bucket depends only on the salt and the lead's key, so a lead stays in its
 * arm on every run, on any machine; a new salt reshuffles all leads.
 */
public final class HashSplit {
  /** An arm: its name, the variant its leads are scored with, and its share in percent. */
  public record Arm(String name, String variant, int share) {}

  private HashSplit() {}

  /** The lead's bucket, 0-99. */
  public static Column bucket(String salt, Column leadKey) {
    return pmod(xxhash64(lit(salt), leadKey), lit(100L)).cast("int");
  }

  /** Adds {@code split_bucket} and {@code arm} to a frame with {@code lead_key}. */
  public static Dataset<Row> assign(Dataset<Row> leads, String salt, List<Arm> arms) {
    InputColumns.require("HashSplit.assign", leads, "lead_key");
    Dataset<Row> b = leads.withColumn("split_bucket", bucket(salt, col("lead_key")));
    Column arm = null;
    int upper = 0;
    for (Arm a : arms) {
      upper += a.share();
      Column cond = col("split_bucket").lt(upper);
      arm = arm == null ? when(cond, lit(a.name())) : arm.when(cond, lit(a.name()));
    }
    return b.withColumn("arm", arm);
  }
}
