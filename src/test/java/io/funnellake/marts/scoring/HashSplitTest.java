package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class HashSplitTest {
  static final List<HashSplit.Arm> HALF =
      List.of(
          new HashSplit.Arm("control", "champion", 50), new HashSplit.Arm("treatment", "x", 50));

  /** 100,000 lead keys shaped like production ones (32 hex characters), generated in Spark. */
  static Dataset<Row> keys() {
    return TestSpark.session()
        .range(100_000)
        .select(
            substring(sha2(concat(lit("lead-"), col("id").cast("string")), 256), 1, 32)
                .as("lead_key"));
  }

  @Test
  void armsAreBalancedWithinOnePercentOn100kLeads() {
    // a fair 50/50 split of 100,000 has a standard deviation of 158 leads; tolerance 1,000 (1%)
    List<Row> counts =
        HashSplit.assign(keys(), "funnel-scoring-split-1", HALF)
            .groupBy("arm")
            .count()
            .orderBy("arm")
            .collectAsList();
    assertEquals(2, counts.size());
    for (Row r : counts) {
      assertTrue(Math.abs(r.getLong(1) - 50_000) <= 1_000, r.toString());
    }
    // 20/30/50: each arm within 1% of 100,000 of its share
    List<HashSplit.Arm> three =
        List.of(
            new HashSplit.Arm("a", "v1", 20),
            new HashSplit.Arm("b", "v2", 30),
            new HashSplit.Arm("c", "v3", 50));
    List<Row> c3 =
        HashSplit.assign(keys(), "another-salt", three)
            .groupBy("arm")
            .count()
            .orderBy("arm")
            .collectAsList();
    long[] expected = {20_000, 30_000, 50_000};
    for (int i = 0; i < 3; i++) {
      assertTrue(Math.abs(c3.get(i).getLong(1) - expected[i]) <= 1_000, c3.toString());
    }
  }

  @Test
  void assignmentIsStableAcrossRunsAndDependsOnlyOnSaltAndKey() {
    Dataset<Row> first =
        HashSplit.assign(keys(), "funnel-scoring-split-1", HALF).select("lead_key", "arm");
    Dataset<Row> second =
        HashSplit.assign(keys().repartition(7), "funnel-scoring-split-1", HALF)
            .select(col("lead_key"), col("arm").as("arm2"));
    assertEquals(
        0,
        first.join(second, "lead_key").filter(col("arm").notEqual(col("arm2"))).count(),
        "a second run (other partitioning) assigns every lead to the same arm");
    // pinned: a change of hash function or bucket formula would reshuffle live experiments
    Row pinned =
        TestSpark.session()
            .range(1)
            .select(
                HashSplit.bucket("funnel-scoring-split-1", lit("0123456789abcdef0123456789abcdef")),
                HashSplit.bucket("other", lit("0123456789abcdef0123456789abcdef")))
            .head();
    assertEquals("[84,17]", pinned.toString());
  }
}
