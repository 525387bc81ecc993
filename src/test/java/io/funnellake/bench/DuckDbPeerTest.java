package io.funnellake.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The peer check tolerates a mean rounded the other way, and nothing more. */
class DuckDbPeerTest {
  static final StructType SCHEMA =
      new StructType()
          .add("stage", DataTypes.StringType)
          .add("mean_days", DataTypes.DoubleType)
          .add("rate", DataTypes.DoubleType);

  private static Dataset<Row> rows(Object[]... rows) {
    return TestSpark.session()
        .createDataFrame(List.of(rows).stream().map(RowFactory::create).toList(), SCHEMA);
  }

  private static long differing(Dataset<Row> ours, Dataset<Row> theirs) {
    return DuckDbPeer.beyondRounding(ours, theirs, ours);
  }

  @Test
  void hundredthsOneUnitApartAndDoublesWithinOneMillionthAreEqual() {
    Dataset<Row> ours = rows(new Object[] {"mql", 2.34, 1.0 / 3}, new Object[] {null, 1.0, null});
    Dataset<Row> theirs =
        rows(new Object[] {"mql", 2.35, 0.3333334}, new Object[] {null, 1.0, null});
    assertEquals(0, differing(ours, theirs));
  }

  @Test
  void aLargerGapAMissingKeyOrAOneSidedNullIsADifference() {
    Dataset<Row> ours = rows(new Object[] {"mql", 2.34, 0.5}, new Object[] {"sql", 1.0, 0.25});
    // 2.34 vs 2.36: two hundredths apart
    assertEquals(
        1, differing(ours, rows(new Object[] {"mql", 2.36, 0.5}, new Object[] {"sql", 1.0, 0.25})));
    assertEquals(
        2, differing(ours, rows(new Object[] {"mql", 2.34, 0.5}, new Object[] {"sal", 1.0, 0.25})));
    assertEquals(
        1,
        differing(ours, rows(new Object[] {"mql", 2.34, null}, new Object[] {"sql", 1.0, 0.25})));
    assertEquals(
        1,
        differing(
            ours, rows(new Object[] {"mql", 2.34, 0.5000001}, new Object[] {"sql", 1.0, 0.2501})));
  }
}
