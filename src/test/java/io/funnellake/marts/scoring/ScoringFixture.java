package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.funnel.LeadStageEvents;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestSpark;
import io.funnellake.testing.TestStageEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The scoring fixture company (data/fixtures/scoring; its README has the hand computation) in a
 * lakehouse under a test folder: {@link #night} lands the files dated up to a run date and runs the
 * nightly pipeline on them.
 */
final class ScoringFixture {
  static final Path FIXTURE = TestConfigs.projectDir().resolve("data/fixtures/scoring");

  private final Path root;

  /** A mart context over in-memory tables ({@code "silver.leads"} to a frame). */
  static MartContext context(Path tmp, FunnelConfig config, Map<String, Dataset<Row>> tables) {
    return new MartContext(
            new Lakehouse(TestSpark.session(), tmp.toString()),
            config,
            new Pseudonyms(TestConfigs.KEY))
        .withTables(tables);
  }

  /** silver.int_lead_stage_events rows from "lead_id,stage,occurrence,entered_at" lines. */
  static Dataset<Row> stageEvents(String... lines) {
    return TestFrames.strings("lead_id,stage,occurrence,entered_at", lines)
        .withColumn("occurrence", col("occurrence").cast("int"))
        .withColumn("entered_at", col("entered_at").cast("timestamp"));
  }

  ScoringFixture(Path root) {
    this.root = root;
  }

  Path landing() {
    return root.resolve("landing");
  }

  Lakehouse lakehouse() {
    return new Lakehouse(TestSpark.session(), root.resolve("lakehouse").toString());
  }

  FunnelConfig config(String runDate, String... extra) {
    return TestConfigs.config(root.resolve("lakehouse"), landing(), runDate, extra);
  }

  /** Lands the fixture's files dated on or before the run date, then runs a night. */
  void night(String runDate) {
    try (Stream<Path> files = Files.walk(FIXTURE.resolve("landing"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = FIXTURE.resolve("landing").relativize(f).toString();
        if (rel.split("/")[1].compareTo(runDate) <= 0) {
          Files.createDirectories(landing().resolve(rel).getParent());
          Files.copy(f, landing().resolve(rel), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the stage events the scoring marts read and the scoring marts: the other families have
    // their own end-to-end fixtures
    FunnelConfig config =
        config(
            runDate,
            "marts.only",
            TestConfigs.martsOnly(
                List.of(new LeadStageEvents(), new LeadScores(), new ScoringSplitArms())));
    new NightlyPipeline(lakehouse(), config, NightlyOptions.DEFAULT).run();
    // stands in for the funnel marts' intermediate until that branch is merged
    TestStageEvents.writeTo(lakehouse(), config.stages().leadOrder());
  }
}
