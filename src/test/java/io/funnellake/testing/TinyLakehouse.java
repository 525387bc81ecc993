package io.funnellake.testing;

import io.funnellake.config.FunnelConfig;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.pipeline.NightlySummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The tiny fixture company after one local nightly run (run date {@value #RUN_DATE}, key {@link
 * TestConfigs#KEY}), built once per test JVM on the shared session and deleted at exit. The
 * integration tests share it: the JDBC server serves it, the cluster run is compared with it.
 */
public final class TinyLakehouse {
  public static final Path LANDING = TestConfigs.projectDir().resolve("data/fixtures/tiny/landing");
  public static final String RUN_DATE = "2025-11-20";
  private static Lakehouse lakehouse;
  private static double buildSeconds;

  private TinyLakehouse() {}

  public static synchronized Lakehouse get() {
    if (lakehouse == null) {
      Path root = tempDir("funnel-tiny-lakehouse-");
      FunnelConfig config =
          TestConfigs.config(root, LANDING, RUN_DATE, "marts.only", TestConfigs.FOUNDATION_MARTS);
      Lakehouse lh = new Lakehouse(TestSpark.session(), config.lakehouse());
      long start = System.nanoTime();
      NightlySummary summary = new NightlyPipeline(lh, config, NightlyOptions.DEFAULT).run();
      buildSeconds = (System.nanoTime() - start) / 1e9;
      if (!summary.status().equals("succeeded")) {
        throw new IllegalStateException("tiny nightly run did not succeed: " + summary.status());
      }
      lakehouse = lh;
    }
    return lakehouse;
  }

  /** Wall time of the local nightly run that built the lakehouse (after {@link #get}). */
  public static synchronized double buildSeconds() {
    return buildSeconds;
  }

  /** A temporary folder deleted when the JVM exits. */
  public static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
