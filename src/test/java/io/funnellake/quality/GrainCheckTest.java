package io.funnellake.quality;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.testing.TestFrames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The grain check: unique and not null, exactly, whatever the hash it groups by does. */
class GrainCheckTest {
  static final List<String> GRAIN = List.of("period", "channel");

  static Dataset<Row> rows(String... lines) {
    return TestFrames.strings("period,channel,total", lines);
  }

  @Test
  void uniqueRowsPass() {
    QualityResult r = GrainCheck.check("gold.t", GRAIN, rows("w1,web,1", "w1,event,2", "w2,web,3"));
    assertEquals("pass", r.status());
    assertEquals("grain:gold.t", r.rule());
  }

  @Test
  void aDuplicateFailsWithItsKeyAndCount() {
    QualityResult r =
        GrainCheck.check("gold.t", GRAIN, rows("w1,web,1", "w1,event,2", "w1,web,3", "w1,web,4"));
    assertEquals("fail", r.status());
    assertEquals(3.0, r.observed());
    assertEquals("duplicate grain [period, channel]: [w1,web,3]", r.message());
  }

  @Test
  void aNullInTheGrainFails() {
    QualityResult r = GrainCheck.check("gold.t", GRAIN, rows("w1,web,1", "w2,,2"));
    assertEquals("fail", r.status());
    assertTrue(r.message().startsWith("null in grain [period, channel]: [w2,null,2]"), r.message());
  }

  @Test
  void rowsSharingAHashButNotAGrainPass() {
    // every row under one hash: the exact check behind it must tell them apart
    QualityResult r =
        GrainCheck.check(
            "gold.t", GRAIN, rows("w1,web,1", "w1,event,2", "w2,web,3"), cols -> lit(7L));
    assertEquals("pass", r.status());
    QualityResult dup =
        GrainCheck.check(
            "gold.t", GRAIN, rows("w1,web,1", "w2,web,2", "w2,web,3"), cols -> lit(7L));
    assertEquals("fail", dup.status());
    assertEquals("duplicate grain [period, channel]: [w2,web,2]", dup.message());
  }
}
