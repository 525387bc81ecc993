package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.ingest.OpsTables;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.Publications;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader querying gold through the catalog views while publications happen sees one complete
 * publication, never a mix. Two synthetic gold tables are written and published together with a
 * known relation: generation {@code g} writes {@code pair_total} as one row (g, 10g) and {@code
 * pair_parts} as g rows (g, 10), so a read that mixes publications breaks {@code sum(parts) =
 * total} or the equal generations. Gold versions are written before they are published, so the
 * reader also races unpublished versions.
 */
class ConcurrentReadTest {
  static final int GENERATIONS = 12;
  static final StructType TOTAL =
      new StructType().add("generation", DataTypes.IntegerType).add("total", DataTypes.LongType);
  static final StructType PARTS =
      new StructType().add("generation", DataTypes.IntegerType).add("amount", DataTypes.LongType);

  @TempDir Path tmp;

  /** What one read saw: generation of each table and the two sums. */
  private record Seen(int totalGeneration, int minPart, int maxPart, long total, long parts) {
    boolean consistent() {
      return totalGeneration == minPart && minPart == maxPart && total == parts;
    }
  }

  private static long write(Lakehouse lh, String table, StructType schema, List<Row> rows) {
    lh.spark()
        .createDataFrame(rows, schema)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(lh.path(Lakehouse.GOLD, table));
    return lh.version(Lakehouse.GOLD, table);
  }

  private static void publishGeneration(Lakehouse lh, int g) {
    List<Row> parts = new ArrayList<>();
    for (int i = 0; i < g; i++) {
      parts.add(RowFactory.create(g, 10L));
    }
    long t = write(lh, "pair_total", TOTAL, List.of(RowFactory.create(g, 10L * g)));
    long p = write(lh, "pair_parts", PARTS, parts);
    new Publications(lh)
        .publish(
            "run-" + g, LocalDate.parse("2025-11-04"), Map.of("pair_total", t, "pair_parts", p));
  }

  private static Seen read(Lakehouse lh) {
    Catalog.register(lh);
    Row r =
        lh.spark()
            .sql(
                "SELECT t.generation, p.lo, p.hi, t.total, p.amount FROM gold.pair_total t CROSS JOIN"
                    + " (SELECT min(generation) lo, max(generation) hi, sum(amount) amount"
                    + " FROM gold.pair_parts) p")
            .head();
    return new Seen(r.getInt(0), r.getInt(1), r.getInt(2), r.getLong(3), r.getLong(4));
  }

  @Test
  void aReaderSeesOnePublicationOfBothTablesWhilePublicationsHappen() throws Exception {
    SparkSession spark = TestSpark.session();
    Lakehouse lh = new Lakehouse(spark, tmp.toString());
    OpsTables.ensure(lh);
    publishGeneration(lh, 1);

    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicBoolean writing = new AtomicBoolean(true);
    Future<?> writer =
        pool.submit(
            () -> {
              try {
                for (int g = 2; g <= GENERATIONS; g++) {
                  publishGeneration(lh, g);
                }
              } finally {
                writing.set(false);
              }
              return null;
            });
    Future<List<Seen>> reader =
        pool.submit(
            () -> {
              List<Seen> seen = new ArrayList<>();
              while (writing.get()) {
                seen.add(read(lh));
              }
              seen.add(read(lh));
              return seen;
            });
    writer.get();
    List<Seen> seen = reader.get();
    pool.shutdown();

    List<Seen> mixed = seen.stream().filter(s -> !s.consistent()).toList();
    assertEquals(List.of(), mixed, "reads mixing two publications");
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          seen.get(i).totalGeneration() >= seen.get(i - 1).totalGeneration(),
          "a later read never goes back to an older publication: " + seen);
    }
    assertEquals(GENERATIONS, seen.get(seen.size() - 1).totalGeneration(), "the last read is new");
    System.out.printf(
        "concurrent reads: %d reads saw %d distinct publications%n",
        seen.size(), seen.stream().map(Seen::totalGeneration).distinct().count());
  }

  @Test
  void writtenButUnpublishedVersionsAreInvisibleUntilThePublicationCommits() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    OpsTables.ensure(lh);
    publishGeneration(lh, 3);
    // the next generation's two tables are written; only one of them would be a mix
    long t = write(lh, "pair_total", TOTAL, List.of(RowFactory.create(4, 40L)));
    assertEquals(new Seen(3, 3, 3, 30, 30), read(lh));
    List<Row> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parts.add(RowFactory.create(4, 10L));
    }
    long p = write(lh, "pair_parts", PARTS, parts);
    assertEquals(new Seen(3, 3, 3, 30, 30), read(lh));
    new Publications(lh)
        .publish("run-4", LocalDate.parse("2025-11-04"), Map.of("pair_total", t, "pair_parts", p));
    assertEquals(new Seen(4, 4, 4, 40, 40), read(lh));
  }
}
