package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.contract.Entity;
import io.funnellake.generate.FilePeriod;
import io.funnellake.ingest.read.RawColumns;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.testing.TestConfigs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated bad input: a generated company's exports broken by {@link ExportMutator} (seeded), some
 * of them gzipped, loaded by one nightly run. For every file the ingest log must account for
 * exactly the records the mutator wrote (read = accepted + quarantined), the quarantine must hold
 * exactly the broken lines, each with a reason and its raw text, and every line the mutator left
 * intact must be in bronze with every field unchanged: no good row lost, no bad row accepted.
 */
class FuzzTest {
  static final long SEED = 20251104L;

  @TempDir Path tmp;

  /** A file as written to landing and what each of its lines must become. */
  private record Mutated(String path, ExportMutator.Result result) {}

  @Test
  void everyRowOfEveryBrokenFileIsAccountedForAndNoGoodRowIsLost() throws IOException {
    Path generated =
        FaultRuns.generate(
            tmp.resolve("generated"), 1100, 5, "2025-11-01", "2026-01-31", FilePeriod.WEEK, 0.0);
    Path landing = tmp.resolve("landing");
    List<Mutated> files = mutateAll(generated, landing);
    long rows = files.stream().mapToLong(f -> f.result().records()).sum();
    assertTrue(rows >= 10_000, rows + " rows fuzzed");

    Path mapping = tmp.resolve("canonical-lenient.conf");
    Files.writeString(
        mapping,
        Files.readString(TestConfigs.projectDir().resolve("conf/sources/canonical.conf"))
            .replace("unknown_values = fail", "unknown_values = quarantine"));
    Path lh = tmp.resolve("lakehouse");
    NightlySummary s =
        FaultRuns.nightly(
            lh,
            landing.toString(),
            "2026-01-31",
            NightlyOptions.DEFAULT,
            "sources",
            "[\"" + mapping + "\"]",
            "quality.rules",
            FaultRuns.RULES_WITHOUT_VOLUME.replace("level = error", "level = warning"));
    assertEquals("succeeded", s.status());

    Lakehouse lakehouse = FaultRuns.lakehouse(lh);
    Map<String, long[]> logged = new HashMap<>();
    for (Row r :
        lakehouse
            .read(Lakehouse.OPS, "ingest_log")
            .select(
                "file_path",
                "status",
                "rows_read",
                "rows_accepted",
                "rows_quarantined",
                "rows_filtered")
            .collectAsList()) {
      assertEquals("ingested", r.getString(1), r.getString(0));
      logged.put(
          r.getString(0), new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)});
    }
    Map<String, TreeSet<Long>> quarantined = new HashMap<>();
    for (Row r :
        lakehouse
            .read(Lakehouse.OPS, "quarantine")
            .select("source_file", "row_number", "reason", "raw_text")
            .collectAsList()) {
      assertTrue(!r.isNullAt(2) && !r.getString(2).isBlank(), "reason of " + r);
      assertTrue(!r.isNullAt(3) && !r.getString(3).isEmpty(), "raw text of " + r);
      quarantined.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getLong(1));
    }
    Map<String, Map<Long, Row>> bronze = bronzeRows(lakehouse);

    List<String> problems = new ArrayList<>();
    for (Mutated f : files) {
      ExportMutator.Result m = f.result();
      long read = m.records();
      long bad = m.count(ExportMutator.Outcome.QUARANTINED);
      long[] log = logged.get(f.path());
      if (log == null) {
        problems.add(f.path() + ": not in the ingest log");
        continue;
      }
      if (log[0] != read || log[1] != read - bad || log[2] != bad || log[3] != 0) {
        problems.add(
            String.format(
                "%s: read/accepted/quarantined/filtered %d/%d/%d/%d, expected %d/%d/%d/0",
                f.path(), log[0], log[1], log[2], log[3], read, read - bad, bad));
      }
      TreeSet<Long> expectedBad = new TreeSet<>();
      for (ExportMutator.Line l : m.lines()) {
        if (l.outcome() == ExportMutator.Outcome.QUARANTINED) {
          expectedBad.add(l.lineNumber());
        }
      }
      TreeSet<Long> actualBad = quarantined.getOrDefault(f.path(), new TreeSet<>());
      if (!expectedBad.equals(actualBad)) {
        problems.add(f.path() + ": quarantined lines " + actualBad + ", expected " + expectedBad);
      }
      Entity entity =
          Entity.byTable(f.path().split("/")[f.path().split("/").length - 3]).orElseThrow();
      Map<Long, Row> landed = bronze.getOrDefault(f.path(), Map.of());
      for (ExportMutator.Line l : m.lines()) {
        if (l.outcome() == ExportMutator.Outcome.INTACT) {
          Row b = landed.get(l.lineNumber());
          if (b == null) {
            problems.add(f.path() + " line " + l.lineNumber() + ": intact but not in bronze");
            continue;
          }
          List<String> fields = entity.fieldNames();
          for (int i = 0; i < fields.size(); i++) {
            String got = Objects.toString(b.get(b.fieldIndex(fields.get(i))), "");
            if (!got.equals(l.original().get(i))) {
              problems.add(
                  f.path()
                      + " line "
                      + l.lineNumber()
                      + " "
                      + fields.get(i)
                      + ": '"
                      + got
                      + "' landed as '"
                      + l.original().get(i)
                      + "'");
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())));
    report(files);
  }

  /** Mutates every generated file into landing, a fifth of them gzipped. */
  private static List<Mutated> mutateAll(Path generated, Path landing) throws IOException {
    ExportMutator mutator = new ExportMutator(SEED, 0.25, 100_000);
    Random gz = new Random(SEED);
    List<Mutated> out = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(generated)) {
      sources = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path src : sources) {
      Path rel = generated.relativize(src);
      Entity entity = Entity.byTable(rel.getName(0).toString()).orElseThrow();
      ExportMutator.Result r =
          mutator.mutate(entity, Files.readString(src, StandardCharsets.UTF_8));
      boolean zip = gz.nextInt(5) == 0;
      Path dst = landing.resolve(rel + (zip ? ".gz" : ""));
      Files.createDirectories(dst.getParent());
      try (OutputStream o =
          zip ? new GZIPOutputStream(Files.newOutputStream(dst)) : Files.newOutputStream(dst)) {
        o.write(r.bytes());
      }
      out.add(new Mutated(dst.toString(), r));
    }
    return out;
  }

  /** Bronze rows by file and line: every parsed row of the run (tens of thousands at most). */
  private static Map<String, Map<Long, Row>> bronzeRows(Lakehouse lakehouse) {
    Map<String, Map<Long, Row>> out = new HashMap<>();
    for (String t : lakehouse.tables(Lakehouse.BRONZE)) {
      for (Row r : lakehouse.read(Lakehouse.BRONZE, t).drop(RawColumns.EXTRA).collectAsList()) {
        out.computeIfAbsent(r.getString(r.fieldIndex(RawColumns.SOURCE_FILE)), k -> new HashMap<>())
            .put(r.getLong(r.fieldIndex(RawColumns.ROW_NUMBER)), r);
      }
    }
    return out;
  }

  private static void report(List<Mutated> files) {
    Map<ExportMutator.Kind, Integer> kinds = new EnumMap<>(ExportMutator.Kind.class);
    Map<ExportMutator.Outcome, Long> outcomes = new TreeMap<>();
    for (Mutated f : files) {
      for (ExportMutator.Line l : f.result().lines()) {
        outcomes.merge(l.outcome(), 1L, Long::sum);
        if (l.kind() != null) {
          kinds.merge(l.kind(), 1, Integer::sum);
        }
      }
    }
    System.out.printf(
        "fuzz: %d files (%d gzipped), %d rows read, outcomes %s, mutations %s%n",
        files.size(),
        files.stream().filter(f -> f.path().endsWith(".gz")).count(),
        files.stream().mapToLong(f -> f.result().records()).sum(),
        outcomes,
        kinds);
  }
}
