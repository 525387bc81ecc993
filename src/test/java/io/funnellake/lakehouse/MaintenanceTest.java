package io.funnellake.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.ingest.OpsTables;
import io.funnellake.publish.Publications;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {
  @TempDir Path tmp;

  @AfterEach
  void restoreDeltaCheck() {
    TestSpark.session().conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
  }

  private void write(Lakehouse lh, String layer, String table, int rows, String mode) {
    TestSpark.session()
        .range(rows)
        .toDF("id")
        .write()
        .format("delta")
        .mode(mode)
        .save(lh.path(layer, table));
  }

  private static long parquetFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }

  @Test
  void aRetentionBelowTheMinimumIsRefused() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    FunnelException e =
        assertThrows(FunnelException.class, () -> new Maintenance(lh).run(24, 168, false, true));
    assertEquals("RETENTION_TOO_SHORT", e.code());
    assertTrue(e.fix().contains("--retention-hours 168.0"), e.fix());
  }

  @Test
  void vacuumDeletesUnreferencedFilesButNeverThoseOfAPublishedGoldVersion() throws IOException {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    OpsTables.ensure(lh);
    write(lh, Lakehouse.BRONZE, "b", 3, "overwrite");
    write(lh, Lakehouse.BRONZE, "b", 4, "overwrite");
    write(lh, Lakehouse.GOLD, "published_old", 2, "overwrite");
    write(lh, Lakehouse.GOLD, "published_latest", 2, "overwrite");
    new Publications(lh)
        .publish(
            "r1",
            LocalDate.parse("2025-11-20"),
            Map.of("published_old", 0L, "published_latest", 0L));
    write(lh, Lakehouse.GOLD, "published_old", 5, "overwrite"); // a newer, unpublished version
    long bronzeFilesBefore = parquetFiles(tmp.resolve("bronze/b"));
    long oldFilesBefore = parquetFiles(tmp.resolve("gold/published_old"));

    var results = new Maintenance(lh).run(0, 0, false, true);

    var byTable = new java.util.HashMap<String, String>();
    results.forEach(r -> byTable.put(r.table(), r.vacuum()));
    assertEquals("done", byTable.get("bronze.b"));
    assertEquals("done", byTable.get("gold.published_latest"));
    assertTrue(
        byTable
            .get("gold.published_old")
            .startsWith("skipped: published version 0 was replaced at"),
        byTable.get("gold.published_old"));
    assertTrue(
        parquetFiles(tmp.resolve("bronze/b")) < bronzeFilesBefore, "bronze v0 files removed");
    assertEquals(oldFilesBefore, parquetFiles(tmp.resolve("gold/published_old")));
    assertEquals(
        2L, lh.read(Lakehouse.GOLD, "published_old", 0).count(), "what readers see still reads");
  }
}
