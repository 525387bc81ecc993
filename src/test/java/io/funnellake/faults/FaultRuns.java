package io.funnellake.faults;

import io.funnellake.config.FunnelConfig;
import io.funnellake.generate.FilePeriod;
import io.funnellake.generate.GenerateOptions;
import io.funnellake.generate.Generator;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlyPipeline;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Runs, landings and views shared by the fault tests. */
final class FaultRuns {
  static final Path TINY = TestConfigs.projectDir().resolve("data/fixtures/tiny");

  /**
   * The shipped quality rules without the day-over-day lead volume rule: a small generated company
   * has days without leads, which that rule rightly blocks, and these tests are about other faults.
   */
  static final String RULES_WITHOUT_VOLUME =
      "[{name = lead_status_present, type = completeness, entity = leads, field = status,"
          + " min = 1.0, level = error},"
          + " {name = history_lead_known, type = references, entity = lead_status_history,"
          + " field = lead_id, references = \"leads.lead_id\", min = 1.0, level = warning}]";

  private FaultRuns() {}

  static Lakehouse lakehouse(Path root) {
    return new Lakehouse(TestSpark.session(), root.toString());
  }

  /** One nightly run in this JVM, on the shared session; {@code landing} may be a URI. */
  static NightlySummary nightly(
      Path lakehouse, String landing, String runDate, NightlyOptions options, String... extra) {
    FunnelConfig config = config(lakehouse, landing, runDate, extra);
    return new NightlyPipeline(lakehouse(lakehouse), config, options).run();
  }

  static NightlySummary nightly(Path lakehouse, Path landing, String runDate, String... extra) {
    return nightly(lakehouse, landing.toString(), runDate, NightlyOptions.DEFAULT, extra);
  }

  static FunnelConfig config(Path lakehouse, String landing, String runDate, String... extra) {
    // foundation marts unless a test asks for more (extra comes last and wins)
    String[] all = new String[extra.length + 4];
    all[0] = "landing";
    all[1] = landing;
    all[2] = "marts.only";
    all[3] = TestConfigs.FOUNDATION_MARTS;
    System.arraycopy(extra, 0, all, 4, extra.length);
    return TestConfigs.config(lakehouse, lakehouse, runDate, all);
  }

  /** What a fresh lakehouse holds after loading every landing file in one run. */
  static LakehouseState recompute(
      Path freshLakehouse, String landing, String runDate, String... extra) {
    nightly(freshLakehouse, landing, runDate, NightlyOptions.DEFAULT, extra);
    return LakehouseState.capture(lakehouse(freshLakehouse));
  }

  /** A generated company in the canonical layout (see {@link Generator}). */
  static Path generate(
      Path out, long leads, long seed, String start, String end, FilePeriod p, double defects) {
    Generator.run(
        TestSpark.session(),
        new GenerateOptions(
            leads,
            seed,
            out.toString(),
            LocalDate.parse(start),
            LocalDate.parse(end),
            p,
            false,
            defects,
            false));
    return out;
  }

  /** Copies the files under {@code from} whose dated folder is on or before {@code lastDate}. */
  static Path copyLanding(Path from, Path to, String lastDate) {
    return copyLanding(from, to, "", lastDate);
  }

  /** Copies the files under {@code from} dated after {@code after}, up to {@code lastDate}. */
  static Path copyLanding(Path from, Path to, String after, String lastDate) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = from.relativize(f);
        String date = rel.getNameCount() > 2 ? rel.getName(1).toString() : "";
        if (date.compareTo(after) > 0 && date.compareTo(lastDate) <= 0) {
          Files.createDirectories(to.resolve(rel).getParent());
          Files.copy(f, to.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a folder tree (a lakehouse between runs, to start several runs from one state). */
  static Path copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path d = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(d);
        } else {
          Files.copy(p, d, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Landing files (relative paths) whose dated folder is in [from, to]. */
  static List<String> filesDated(Path landing, String from, String to) {
    try (Stream<Path> walk = Files.walk(landing)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> landing.relativize(p).toString())
          .filter(rel -> rel.split("/").length > 2)
          .filter(rel -> rel.split("/")[1].compareTo(from) >= 0)
          .filter(rel -> rel.split("/")[1].compareTo(to) <= 0)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dated folder names under the entity folders, sorted. */
  static List<String> landingDates(Path landing) {
    try (Stream<Path> files = Files.walk(landing, 2)) {
      return files
          .filter(p -> landing.relativize(p).getNameCount() == 2 && Files.isDirectory(p))
          .map(p -> p.getFileName().toString())
          .distinct()
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Gold as a reader sees it: the catalog registered afresh, then every view in {@code gold} read
   * in full. Table name to sorted rows.
   */
  static Map<String, List<String>> goldViews(Lakehouse lh) {
    Catalog.register(lh);
    SparkSession spark = lh.spark();
    Map<String, List<String>> out = new TreeMap<>();
    List<String> names = new ArrayList<>();
    for (Row r : spark.sql("SHOW TABLES IN gold").collectAsList()) {
      names.add(r.getString(r.fieldIndex("tableName")));
    }
    for (String t : names) {
      out.put(t, LakehouseState.rows(spark.table("gold." + t)));
    }
    return out;
  }
}
