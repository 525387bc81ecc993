package io.funnellake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.ingest.OpsTables;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationsTest {
  @TempDir Path tmp;

  @Test
  void aPartialPublicationKeepsTheOtherTablesAtTheirPublishedVersions() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    OpsTables.ensure(lh);
    Publications p = new Publications(lh);
    assertEquals(Map.of(), p.latest());
    assertEquals(1, p.publish("r1", LocalDate.parse("2025-11-20"), Map.of("a", 3L, "b", 5L)));
    assertEquals(2, p.publishChanges("bt1", LocalDate.parse("2025-11-20"), Map.of("c", 0L)));
    assertEquals(Map.of("a", 3L, "b", 5L, "c", 0L), p.latest());
  }

  @Test
  void twoWritersPublishingAtOnceGetDistinctSequenceNumbers() throws Exception {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    OpsTables.ensure(lh);
    Publications p = new Publications(lh);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Callable<Long> a = () -> p.publish("ra", LocalDate.parse("2025-11-20"), Map.of("t", 1L));
    Callable<Long> b = () -> p.publish("rb", LocalDate.parse("2025-11-20"), Map.of("t", 2L));
    Future<Long> fa = pool.submit(a);
    Future<Long> fb = pool.submit(b);
    long sa = fa.get();
    long sb = fb.get();
    pool.shutdown();
    assertEquals(java.util.Set.of(1L, 2L), java.util.Set.of(sa, sb));
    assertEquals(
        1L,
        lh.read(Lakehouse.OPS, Publications.TABLE)
                .groupBy("publication_seq")
                .count()
                .filter("count > 1")
                .count()
            + 1,
        "no sequence number was written twice");
    assertEquals(Map.of("t", sa > sb ? 1L : 2L), p.latest());
  }
}
