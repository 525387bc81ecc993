package io.funnellake.publish;

import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.IncrementalMart;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.quality.GrainCheck;
import io.funnellake.quality.QualityResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write and audit of write-audit-publish: builds each mart, overwrites its Delta table (a new,
 * unpublished version), and checks the grain of the version just written. Publishing is a separate
 * step ({@link Publications#publish}).
 *
 * <p>Up to {@code parallelism} marts are built at once. A mart that reads a table an earlier mart
 * of the list writes waits for that mart, so it sees this run's version, exactly as in a build one
 * at a time. Marts wait only on earlier ones and start in list order, so the builders cannot all be
 * waiting. After a failure no further mart starts; the builds already running finish before the
 * first failure (in list order) is thrown.
 *
 * <p>An {@link IncrementalMart} rebuilds only the keys whose source rows changed since its last
 * write, or nothing when none did ({@link IncrementalBuild}).
 */
public final class MartWriter {
  private static final Logger LOG = LoggerFactory.getLogger(MartWriter.class);

  /**
   * Versions written, the audit results, and each mart's build time in build order (step {@code
   * mart:<layer>.<table>}; wall times, which overlap when marts are built concurrently).
   */
  public record Result(
      Map<String, Long> goldVersions,
      Map<String, Long> allVersions,
      List<QualityResult> audits,
      List<RunLog.Step> buildTimes) {}

  /** One mart's outcome. */
  private record Built(Mart mart, long version, QualityResult audit, long durationMs) {}

  /** Marks a mart that did not run because an input or another mart failed first. */
  private static final class NotBuilt extends RuntimeException {
    NotBuilt(String why) {
      super(why, null, false, false);
    }
  }

  private final Lakehouse lakehouse;
  private final int parallelism;
  private final IncrementalBuild incremental;

  /** A writer that builds incremental marts incrementally. */
  public MartWriter(Lakehouse lakehouse, int parallelism) {
    this(lakehouse, parallelism, true);
  }

  /** {@code incremental} false: every mart is built in full ({@code funnel.marts.incremental}). */
  public MartWriter(Lakehouse lakehouse, int parallelism, boolean incremental) {
    if (parallelism < 1) {
      throw Errors.badConfig(
          "funnel.marts.parallelism",
          null,
          "It is " + parallelism + "; at least 1 mart must be built at a time.",
          null);
    }
    this.lakehouse = lakehouse;
    this.parallelism = parallelism;
    this.incremental = new IncrementalBuild(lakehouse, incremental);
  }

  public Result buildAll(List<Mart> marts, MartContext ctx) {
    List<CompletableFuture<Built>> builds = new ArrayList<>();
    Map<String, Integer> writerOf = new HashMap<>();
    for (int i = 0; i < marts.size(); i++) {
      builds.add(new CompletableFuture<>());
      writerOf.put(marts.get(i).layer() + "." + marts.get(i).name(), i);
    }
    AtomicBoolean failed = new AtomicBoolean();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallelism, marts.size())),
            r -> {
              Thread t = new Thread(r, "mart-builder-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      for (int i = 0; i < marts.size(); i++) {
        int index = i;
        // only earlier marts are awaited: a later one's table is read as it stands, as before
        MartContext awaiting =
            ctx.withBeforeRead(
                table -> {
                  Integer writer = writerOf.get(table);
                  if (writer != null && writer < index) {
                    awaitInput(builds.get(writer), table);
                  }
                });
        pool.execute(() -> run(marts.get(index), awaiting, failed, builds.get(index)));
      }
    } finally {
      pool.shutdown();
    }
    Map<String, Long> gold = new LinkedHashMap<>();
    Map<String, Long> all = new LinkedHashMap<>();
    List<QualityResult> audits = new ArrayList<>();
    List<RunLog.Step> times = new ArrayList<>();
    RuntimeException first = null;
    for (CompletableFuture<Built> f : builds) {
      try {
        Built b = f.join();
        String table = b.mart().layer() + "." + b.mart().name();
        all.put(table, b.version());
        times.add(new RunLog.Step(RunLog.MART_STEP + table, b.durationMs(), 0, 0, null));
        if (b.audit() != null) {
          gold.put(b.mart().name(), b.version());
          audits.add(b.audit());
        }
      } catch (CompletionException e) {
        // the first real failure; a mart that merely did not run is thrown only without one
        RuntimeException cause = asRuntime(e.getCause());
        if (first == null || (first instanceof NotBuilt && !(cause instanceof NotBuilt))) {
          first = cause;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return new Result(gold, all, audits, times);
  }

  private void run(Mart m, MartContext ctx, AtomicBoolean failed, CompletableFuture<Built> result) {
    if (failed.get()) {
      result.completeExceptionally(new NotBuilt(m.name() + ": not started after a failure"));
      return;
    }
    try {
      long t0 = System.nanoTime();
      lakehouse
          .spark()
          .sparkContext()
          .setJobGroup("marts", "build " + m.layer() + "." + m.name(), false);
      long version =
          m instanceof IncrementalMart im
              ? writeIncremental(im, ctx)
              : write(m, m.build(ctx), null);
      QualityResult audit = null;
      if (m.layer().equals(Lakehouse.GOLD)) {
        Dataset<Row> written = lakehouse.read(Lakehouse.GOLD, m.name(), version);
        audit = GrainCheck.check(Lakehouse.GOLD + "." + m.name(), m.grain(), written);
      }
      FailPoints.check("after_mart:" + m.name());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      LOG.info("{}.{}: built in {} ms", m.layer(), m.name(), ms);
      result.complete(new Built(m, version, audit, ms));
    } catch (Throwable t) {
      failed.set(true);
      result.completeExceptionally(t);
    }
  }

  private static void awaitInput(CompletableFuture<Built> writer, String table) {
    try {
      writer.join();
    } catch (CompletionException e) {
      throw new NotBuilt("input " + table + " was not built");
    }
  }

  private static RuntimeException asRuntime(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  private long writeIncremental(IncrementalMart m, MartContext ctx) {
    IncrementalBuild.Plan plan = incremental.plan(m, ctx);
    LOG.info("{}.{}: {} ({})", m.layer(), m.name(), plan.mode(), plan.reason());
    return plan.mode() == IncrementalBuild.Mode.UNCHANGED
        ? lakehouse.version(m.layer(), m.name())
        : write(m, plan.rows(), plan.metadata());
  }

  private long write(Mart m, Dataset<Row> df, String commitMetadata) {
    DataFrameWriter<Row> w =
        df.write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (commitMetadata != null) {
      w = w.option("userMetadata", commitMetadata);
    }
    w.save(lakehouse.path(m.layer(), m.name()));
    return lakehouse.version(m.layer(), m.name());
  }
}
