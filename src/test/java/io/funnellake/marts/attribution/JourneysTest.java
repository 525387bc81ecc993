package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.testing.TestFrames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distinct paths of closed deals and the bounds on what reaches the driver. */
class JourneysTest {
  static final String PREFIX = "funnel.attribution.";
  static Dataset<Row> aggregate;

  /**
   * O1 won a>b, O2 won a>b, O3 lost a>b, O4 won b>a (order differs from O1), O5 lost c, O6 open a>b
   * (left out). Rows shuffled: the path follows touch_number, not row order.
   */
  @BeforeAll
  static void aggregateShuffledTouches() {
    Dataset<Row> touches =
        TestFrames.strings(
                "opportunity_id,touch_number,channel,is_won,is_closed",
                "O2,2,b,true,true",
                "O4,1,b,true,true",
                "O1,2,b,true,true",
                "O6,1,a,false,false",
                "O3,1,a,false,true",
                "O5,1,c,false,true",
                "O2,1,a,true,true",
                "O4,2,a,true,true",
                "O1,1,a,true,true",
                "O6,2,b,false,false",
                "O3,2,b,false,true")
            .withColumn("touch_number", col("touch_number").cast("int"))
            .withColumn("is_won", col("is_won").cast("boolean"))
            .withColumn("is_closed", col("is_closed").cast("boolean"))
            .repartition(3);
    aggregate = Journeys.aggregate(touches).localCheckpoint();
  }

  @Test
  void closedDealsAggregateByOrderedPathAndOpenDealsAreLeftOut() {
    List<Journeys.Path> paths = Journeys.collect(aggregate, 3, 2, PREFIX);
    assertEquals(
        List.of(
            new Journeys.Path(List.of("a", "b"), 2, 1),
            new Journeys.Path(List.of("b", "a"), 1, 0),
            new Journeys.Path(List.of("c"), 0, 1)),
        paths);
  }

  @Test
  void morePathsThanTheBoundIsAClearErrorNamingTheKey() {
    assertBoundError(2, 10, "ATTRIBUTION_TOO_MANY_PATHS", "More than 2 distinct channel paths");
  }

  @Test
  void aPathLongerThanTheBoundIsAClearErrorNamingTheKey() {
    assertBoundError(10, 1, "ATTRIBUTION_PATH_TOO_LONG", "more than 1 touches");
  }

  static void assertBoundError(int maxPaths, int maxTouches, String code, String problem) {
    FunnelException e =
        assertThrows(
            FunnelException.class, () -> Journeys.collect(aggregate, maxPaths, maxTouches, PREFIX));
    assertEquals(code, e.code());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    String key = code.endsWith("PATHS") ? "max_distinct_paths" : "max_path_touches";
    assertTrue(e.getMessage().contains(PREFIX + key), e.getMessage());
  }

  @Test
  void aMissingInputColumnIsAClearError() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () -> Journeys.aggregate(aggregate.withColumnRenamed("path", "is_won")));
    assertEquals("TRANSFORM_INPUT", e.code());
    assertTrue(e.getMessage().contains("Journeys.aggregate"), e.getMessage());
    assertTrue(e.getMessage().contains("opportunity_id"), e.getMessage());
  }
}
