package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestRows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** dimension_key: one key per combination of dimension values, and a clash fails loudly. */
class LeadDimensionKeysTest {
  /** Leads with the given channel and owner, every other dimension unknown, keyed with seed. */
  static Dataset<Row> leads(long seed, String... idChannelOwner) {
    Dataset<Row> df = TestFrames.strings("lead_id,channel,owner_id", idChannelOwner);
    for (String d : LeadDimensions.NAMES) {
      if (!d.equals("channel") && !d.equals("owner_id")) {
        df = df.withColumn(d, lit("unknown"));
      }
    }
    return df.withColumn(LeadDimensions.KEY, LeadDimensions.key(seed));
  }

  @Test
  void leadsWithTheSameValuesShareOneKeyAndOneRow() {
    Dataset<Row> leads = leads(0, "A,webinar,R1", "B,webinar,R1", "C,webinar,R2", "D,event,R1");
    List<String> keys = TestRows.of(leads, "lead_id", LeadDimensions.KEY);
    assertEquals(keys.get(0).split("\\|")[1], keys.get(1).split("\\|")[1]);
    Dataset<Row> dims = LeadDimensionKeys.of(leads);
    assertEquals(
        List.of("event|R1|unknown", "webinar|R1|unknown", "webinar|R2|unknown"),
        TestRows.of(dims, "channel", "owner_id", "team"));
    assertEquals(3, dims.select(LeadDimensions.KEY).distinct().count());
  }

  @Test
  void theSeedChangesEveryKey() {
    assertNotEquals(key(leads(0, "A,webinar,R1")), key(leads(1, "A,webinar,R1")));
  }

  @Test
  void twoCombinationsUnderOneKeyFailNamingBothAndTheSeed() {
    Dataset<Row> clash =
        leads(0, "A,webinar,R1", "B,event,R2").withColumn(LeadDimensions.KEY, lit(42L));
    FunnelException e = assertThrows(FunnelException.class, () -> LeadDimensionKeys.of(clash));
    assertEquals("DIMENSION_KEY_COLLISION", e.code());
    assertTrue(e.problem().contains("42"), e.problem());
    assertTrue(e.problem().contains("webinar") && e.problem().contains("event"), e.problem());
    assertTrue(e.fix().contains("funnel.funnel.dimension_key_seed"), e.fix());
  }

  @Test
  void framesWithoutTheKeyFailNamingTheTransform() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () -> LeadDimensionKeys.of(leads(0, "A,webinar,R1").drop(LeadDimensions.KEY)));
    assertEquals("TRANSFORM_INPUT", e.code());
    assertTrue(e.problem().contains("dimension_key"), e.problem());
  }

  static String key(Dataset<Row> leads) {
    return leads.select(col(LeadDimensions.KEY)).head().get(0).toString();
  }
}
