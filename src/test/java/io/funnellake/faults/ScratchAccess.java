package io.funnellake.faults;

import io.funnellake.generate.FilePeriod;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.RunLog;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Scratch profiling; not committed. */
public final class ScratchAccess {
  private ScratchAccess() {}

  static long t0;

  static void lap(String what) {
    long now = System.nanoTime();
    System.out.printf("PROFILE %-40s %6.1f s%n", what, (now - t0) / 1e9);
    t0 = now;
  }

  static void steps(NightlySummary s) {
    for (RunLog.Step st : s.steps()) {
      System.out.printf("PROFILE   step %-10s %6.1f s%n", st.step(), st.durationMs() / 1000.0);
    }
  }

  public static void profile(Path tmp) throws Exception {
    t0 = System.nanoTime();
    TestSpark.session();
    lap("session");
    Path source = tmp.resolve("gen");
    FaultRuns.generate(source, 90, 23, "2025-11-01", "2025-11-06", FilePeriod.DAY, 0.03);
    try (Stream<Path> folders = Files.list(source)) {
      for (Path f : folders.toList()) {
        if (!List.of("leads", "lead_status_history", "campaign_responses", "opportunities")
            .contains(f.getFileName().toString())) {
          FaultRuns.deleteTree(f);
        }
      }
    }
    lap("generate");
    for (String conf : List.of("default", "nocodegen", "noaqe")) {
      if (conf.equals("nocodegen")) {
        TestSpark.session().conf().set("spark.sql.codegen.wholeStage", "false");
      }
      if (conf.equals("noaqe")) {
        TestSpark.session().conf().set("spark.sql.codegen.wholeStage", "true");
        TestSpark.session().conf().set("spark.sql.adaptive.enabled", "false");
      }
      Path lh = tmp.resolve("lh-" + conf);
      for (String night : List.of("2025-11-02", "2025-11-04", "2025-11-04")) {
        NightlySummary s =
            FaultRuns.nightly(lh, source.toString(), night, NightlyOptions.DEFAULT,
                "quality.rules", FaultRuns.RULES_WITHOUT_VOLUME);
        lap(conf + " nightly " + night);
        steps(s);
      }
      Lakehouse l = FaultRuns.lakehouse(lh);
      Catalog.register(l);
      lap(conf + " Catalog.register (same lakehouse)");
      LakehouseState.capture(l);
      lap(conf + " capture");
      FaultRuns.goldViews(l);
      lap(conf + " goldViews");
      Path copy = tmp.resolve("copy-" + conf);
      copyTree(lh, copy);
      lap(conf + " copy lakehouse");
      FaultRuns.nightly(copy, source.toString(), "2025-11-05", NightlyOptions.DEFAULT,
          "quality.rules", FaultRuns.RULES_WITHOUT_VOLUME);
      lap(conf + " nightly on the copy");
    }
    TestSpark.session().conf().set("spark.sql.adaptive.enabled", "true");
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path d = to.resolve(from.relativize(p));
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d);
        }
      }
    }
  }
}
