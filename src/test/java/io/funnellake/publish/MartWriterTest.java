package io.funnellake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.quality.QualityResult;
import io.funnellake.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent builds give what a build one at a time gives, and fail with the real cause. */
class MartWriterTest {
  @TempDir Path tmp;

  /** silver.int_numbers: 1..n, built slowly so that readers start before it is written. */
  static final class Numbers extends DefinedMart {
    private final int n;

    Numbers(int n) {
      super(Lakehouse.SILVER, "int_numbers", List.of("id"), "1..n");
      this.n = n;
    }

    @Override
    public Dataset<Row> build(MartContext ctx) {
      sleep(1500);
      return ctx.spark().range(1, n + 1).toDF("id");
    }
  }

  /** gold.<name>: how many rows silver.int_numbers holds when this mart reads it. */
  static final class CountOfNumbers extends DefinedMart {
    CountOfNumbers(String name) {
      super(Lakehouse.GOLD, name, List.of("numbers"), "count of int_numbers");
    }

    @Override
    public Dataset<Row> build(MartContext ctx) {
      return ctx.table(Lakehouse.SILVER, "int_numbers").selectExpr("count(*) AS numbers");
    }
  }

  /** gold.<name>: one constant row; counts its builds. */
  static final class Constant extends DefinedMart {
    final AtomicInteger builds = new AtomicInteger();

    Constant(String name) {
      super(Lakehouse.GOLD, name, List.of("id"), "one row");
    }

    @Override
    public Dataset<Row> build(MartContext ctx) {
      builds.incrementAndGet();
      return ctx.spark().range(1).toDF("id");
    }
  }

  static final class Failing extends DefinedMart {
    final RuntimeException failure = new IllegalStateException("broken mart");

    Failing() {
      super(Lakehouse.SILVER, "int_numbers", List.of("id"), "fails");
    }

    @Override
    public Dataset<Row> build(MartContext ctx) {
      sleep(500);
      throw failure;
    }
  }

  private MartContext context(Lakehouse lh) {
    return new MartContext(lh, null, null);
  }

  private static long numbers(Lakehouse lh, String table) {
    return lh.read(Lakehouse.GOLD, table).first().getLong(0);
  }

  @Test
  void readersWaitForThisRunsVersionOfAnEarlierMart() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    for (int n : new int[] {3, 5}) {
      MartWriter.Result r =
          new MartWriter(lh, 3)
              .buildAll(
                  List.of(
                      new Numbers(n), new CountOfNumbers("count_a"), new CountOfNumbers("count_b")),
                  context(lh));
      // both readers started while int_numbers was still being built, and saw this run's rows
      assertEquals(n, numbers(lh, "count_a"));
      assertEquals(n, numbers(lh, "count_b"));
      assertEquals(
          List.of("silver.int_numbers", "gold.count_a", "gold.count_b"),
          List.copyOf(r.allVersions().keySet()),
          "results in list order");
      assertEquals(List.of("count_a", "count_b"), List.copyOf(r.goldVersions().keySet()));
      assertEquals(2, r.audits().size());
      assertTrue(
          r.audits().stream().allMatch(q -> QualityResult.PASS.equals(q.status())),
          r.audits().toString());
    }
  }

  @Test
  void theFirstRealFailureIsThrownAndNoMartStartsAfterIt() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    Failing failing = new Failing();
    Constant after = new Constant("after_the_failure");
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                new MartWriter(lh, 2)
                    .buildAll(
                        List.of(failing, new CountOfNumbers("reader_of_broken"), after),
                        context(lh)));
    // the reader failed too (its input was not built), but the cause thrown is the broken mart's
    assertSame(failing.failure, e);
    assertFalse(lh.exists(Lakehouse.GOLD, "reader_of_broken"));
    assertEquals(0, after.builds.get(), "a mart queued behind the failure does not start");
  }

  @Test
  void oneAtATimeBuildsInListOrder() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    MartWriter.Result r =
        new MartWriter(lh, 1)
            .buildAll(List.of(new Numbers(2), new CountOfNumbers("count_c")), context(lh));
    assertEquals(2, numbers(lh, "count_c"));
    assertEquals(0L, r.allVersions().get("gold.count_c"));
  }

  @Test
  void aParallelismBelowOneIsAConfigErrorNamingTheKey() {
    Lakehouse lh = new Lakehouse(TestSpark.session(), tmp.toString());
    FunnelException e = assertThrows(FunnelException.class, () -> new MartWriter(lh, 0));
    assertEquals("CONFIG_INVALID", e.code());
    assertTrue(e.getMessage().contains("funnel.marts.parallelism"), e.getMessage());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
