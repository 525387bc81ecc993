package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.round;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestRows;
import io.funnellake.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Exact percentiles from ranks equal Spark's percentile aggregate, value for value. */
class AggregatesTest {
  static final double[] PS = {0.0, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0};

  @Test
  void rankedPercentilesEqualSparksOnTiesNullsAndGroupsOfAnySize() {
    Random r = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int g = 0; g < 40; g++) {
      int n = g % 10 == 0 ? 1 : r.nextInt(g % 3 == 0 ? 3 : 60) + 1;
      for (int i = 0; i < n; i++) {
        // few distinct values (ties), some nulls, fractions that interpolate unevenly
        Double v = r.nextInt(9) == 0 ? null : r.nextInt(25) / 3.0 + (g % 2 == 0 ? 0 : 1e-3 * i);
        rows.add(RowFactory.create("g" + (g % 20), g / 20, v));
      }
    }
    rows.add(RowFactory.create("only_nulls", 0, null));
    rows.add(RowFactory.create("only_nulls", 0, null));
    StructType schema =
        new StructType()
            .add("k", DataTypes.StringType)
            .add("k2", DataTypes.IntegerType)
            .add("v", DataTypes.DoubleType);
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, schema);
    List<Column> ours = new ArrayList<>();
    List<Column> spark = new ArrayList<>();
    String[] names = new String[PS.length + 2];
    names[0] = "k";
    names[1] = "k2";
    for (int i = 0; i < PS.length; i++) {
      ours.add(Aggregates.pct("v", PS[i]).as("p" + i));
      spark.add(round(percentile(col("v"), lit(PS[i])), 2).as("p" + i));
      names[i + 2] = "p" + i;
    }
    List<String> keys = List.of("k", "k2");
    List<String> expected =
        TestRows.of(
            df.groupBy("k", "k2")
                .agg(spark.get(0), spark.subList(1, spark.size()).toArray(new Column[0])),
            names);
    List<String> actual =
        TestRows.of(
            Aggregates.ranked(df, keys, "v")
                .groupBy("k", "k2")
                .agg(ours.get(0), ours.subList(1, ours.size()).toArray(new Column[0])),
            names);
    assertEquals(expected, actual);
    // nothing trivial: groups of one, of many, and one without values
    assertEquals(41, actual.size());
  }

  @Test
  void aHandComputedMedianAndNinetiethPercentile() {
    // 1, 2, 4, 10 (and a null): median at position 1.5 -> 3.0; p90 at 2.7 -> 4 + 0.7 x 6 = 8.2
    Dataset<Row> df =
        TestFrames.strings("k,v", "a,1", "a,10", "a,", "a,4", "a,2", "b,5")
            .withColumn("v", col("v").cast("double"));
    assertEquals(
        List.of("a|3.0|8.2", "b|5.0|5.0"),
        TestRows.of(
            Aggregates.ranked(df, List.of("k"), "v")
                .groupBy("k")
                .agg(Aggregates.pct("v", 0.5).as("m"), Aggregates.pct("v", 0.9).as("p90")),
            "k",
            "m",
            "p90"));
  }
}
