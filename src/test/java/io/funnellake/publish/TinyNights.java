package io.funnellake.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.PseudonymKeys;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.Mart;
import io.funnellake.marts.MartContext;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Nights of the tiny fixture in a temporary folder, its exports landed one date at a time (the 5th
 * with everything before it, then the 20th), for the incremental build tests.
 */
final class TinyNights {
  static final Path TINY = TestConfigs.projectDir().resolve("data/fixtures/tiny/landing");

  private final Path tmp;

  TinyNights(Path tmp) {
    this.tmp = tmp;
  }

  Path landing() {
    return tmp.resolve("landing");
  }

  Lakehouse lakehouse() {
    return new Lakehouse(TestSpark.session(), tmp.resolve("lakehouse").toString());
  }

  FunnelConfig config(String runDate, String... extra) {
    return TestConfigs.config(tmp.resolve("lakehouse"), landing(), runDate, extra);
  }

  /** What a mart reads on that run date: the full build to compare a stored table with. */
  MartContext context(String runDate, String... extra) {
    FunnelConfig config = config(runDate, extra);
    Lakehouse lh = lakehouse();
    return new MartContext(
        lh,
        config,
        PseudonymKeys.resolve(
            config.pseudonym(), lh.root(), lh.spark().sparkContext().hadoopConfiguration()));
  }

  void night(List<? extends Mart> marts, String runDate, String... extra) {
    new NightlyPipeline(
            lakehouse(), config(runDate, extra), NightlyOptions.DEFAULT, List.copyOf(marts))
        .run();
  }

  /** Adds the fixture's files of one export date to the landing folder. */
  void land(String exportDate) throws IOException {
    try (Stream<Path> files = Files.walk(TINY)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = TINY.relativize(f).toString();
        String date = rel.split("/")[1];
        if (date.equals(exportDate)
            || (exportDate.equals("2025-11-05") && date.compareTo(exportDate) < 0)) {
          Files.createDirectories(landing().resolve(rel).getParent());
          Files.copy(f, landing().resolve(rel), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Writes one more landing file (a header line and rows). */
  void landFile(String relative, String content) throws IOException {
    Path p = landing().resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  String metadata(String layer, String table) {
    return lakehouse().lastCommitMetadata(layer, table);
  }

  /** The watermark's mode and keys (or partitions) count, e.g. {@code incremental keys=3}. */
  static void assertMode(String expected, String metadata) {
    Map<String, String> f = IncrementalBuild.parse(metadata);
    assertEquals(expected, f.get("mode") + " keys=" + f.get("keys"), metadata);
  }
}
