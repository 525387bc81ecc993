package io.funnellake.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.Pii;
import io.funnellake.errors.FunnelException;
import io.funnellake.generate.FilePeriod;
import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.pipeline.NightlyOptions;
import io.funnellake.pipeline.NightlySummary;
import io.funnellake.publish.Publications;
import io.funnellake.testing.LakehouseState;
import io.funnellake.testing.PiiValues;
import io.funnellake.testing.PrivacyScan;
import io.funnellake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No e-mail, name or phone of the inputs reaches gold (any table, any file of any version) or a
 * text output, and pseudonyms depend on the key alone. The report scan ({@link #assertNoPii}) is
 * the hook for the HTML run report: point it at the report file once it exists.
 */
class PrivacyTest {
  static final String KEY_B = "another-key-abcdefghijklmnopqrstuvwxyz-0123";

  @TempDir static Path shared;
  static Path landing;
  static Path lakehouseA;
  static PiiValues pii;
  static NightlySummary summary;

  @TempDir Path tmp;

  @BeforeAll
  static void runOnce() {
    landing =
        FaultRuns.generate(
            shared.resolve("landing"), 200, 99, "2025-11-01", "2025-11-21", FilePeriod.WEEK, 0.0);
    pii = PiiValues.fromLanding(landing);
    lakehouseA = shared.resolve("lakehouse-a");
    // every mart: the scan must see every gold table there is
    summary = FaultRuns.nightly(lakehouseA, landing, "2025-11-21", "marts.only", "[]");
  }

  private static SparkSession spark() {
    return TestSpark.session();
  }

  /** Fails with the findings when a report or other text output holds personal data. */
  static void assertNoPii(Path report) {
    assertEquals(List.of(), PrivacyScan.reportFindings(report, pii), "personal data in " + report);
  }

  @Test
  void theInputsHoldPersonalDataAndTheScanFindsIt() throws IOException {
    assertTrue(pii.substrings().size() >= 300, pii.substrings().size() + " e-mails and phones");
    assertTrue(pii.names().size() >= 100, pii.names().size() + " names");
    assertTrue(pii.fullNames().size() >= 150, pii.fullNames().size() + " full names");
    // bronze keeps rows as landed: the scanner must see what is there
    assertFalse(
        PrivacyScan.fileFindings(
                spark(), lakehouseA.resolve("bronze/leads"), pii.substrings(), pii.names())
            .isEmpty());
    String email = pii.substrings().stream().filter(s -> s.contains("@")).findFirst().get();
    String name = pii.fullNames().iterator().next();
    Path html = tmp.resolve("report.html");
    Files.writeString(
        html,
        "<p>Top lead: " + email.replace("@", "&#64;") + "</p><td>" + name.toUpperCase() + "</td>");
    assertEquals(
        List.of(html + ": " + email, html + ": " + name), PrivacyScan.reportFindings(html, pii));
  }

  @Test
  void noPersonalDataInAnyGoldTableOrFile() {
    Lakehouse lh = FaultRuns.lakehouse(lakehouseA);
    Catalog.register(lh);
    List<String> gold = new ArrayList<>();
    for (Row r : spark().sql("SHOW TABLES IN gold").collectAsList()) {
      gold.add("gold." + r.getString(r.fieldIndex("tableName")));
    }
    assertEquals(new Publications(lh).latest().size(), gold.size());
    assertEquals(List.of(), PrivacyScan.findings(spark(), gold, pii.substrings(), pii.names()));
    // every version, published or not, and the Delta logs with their column statistics
    assertEquals(
        List.of(),
        PrivacyScan.fileFindings(
            spark(), lakehouseA.resolve("gold"), pii.substrings(), pii.names()));
  }

  @Test
  void noPersonalDataInTheTextOutputsOfARun() throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    StringBuilder text = new StringBuilder(printed.toString(StandardCharsets.UTF_8));
    Lakehouse lh = FaultRuns.lakehouse(lakehouseA);
    for (String ops : List.of("run_log", "quality_results")) {
      for (String line : LakehouseState.rows(lh.read(Lakehouse.OPS, ops))) {
        text.append(line).append('\n');
      }
    }
    Path out = Files.writeString(tmp.resolve("run-output.txt"), text);
    assertNoPii(out);
    // report files anywhere under the lakehouse (the Delta tables are scanned as tables above)
    try (Stream<Path> walk = Files.walk(lakehouseA)) {
      for (Path f : walk.filter(Files::isRegularFile).filter(PrivacyTest::isReport).toList()) {
        assertNoPii(f);
      }
    }
  }

  /** A file under the lakehouse that is not part of a Delta table. */
  private static boolean isReport(Path f) {
    for (Path d = f.getParent(); d.startsWith(lakehouseA); d = d.getParent()) {
      if (Files.isDirectory(d.resolve("_delta_log"))) {
        return false;
      }
    }
    return true;
  }

  private static <V> java.util.Map<String, V> common(
      java.util.Map<String, V> all, java.util.Map<String, V> some) {
    java.util.Map<String, V> out = new java.util.TreeMap<>(all);
    out.keySet().retainAll(some.keySet());
    return out;
  }

  @Test
  void pseudonymsAreStableUnderOneKeyAndChangeWithAnother() {
    Path again = tmp.resolve("lakehouse-a2");
    FaultRuns.nightly(again, landing, "2025-11-21");
    LakehouseState a = LakehouseState.capture(FaultRuns.lakehouse(lakehouseA));
    LakehouseState a2 = LakehouseState.capture(FaultRuns.lakehouse(again));
    // the re-run builds the foundation marts only: compare the tables both have
    assertEquals(a2.silver(), common(a.silver(), a2.silver()), "same key, same pseudonyms");
    assertEquals(a2.gold(), common(a.gold(), a2.gold()));

    Path other = tmp.resolve("lakehouse-b");
    FaultRuns.nightly(
        other, landing.toString(), "2025-11-21", NightlyOptions.DEFAULT, "pseudonym.key", KEY_B);
    Lakehouse lhA = FaultRuns.lakehouse(lakehouseA);
    Lakehouse lhB = FaultRuns.lakehouse(other);
    int checked = 0;
    for (Entity e : Entity.values()) {
      List<String> pseudonyms = pseudonymColumns(e);
      if (pseudonyms.isEmpty() || !lhA.exists(Lakehouse.SILVER, e.table())) {
        continue;
      }
      Dataset<Row> fromA = lhA.read(Lakehouse.SILVER, e.table());
      Dataset<Row> fromB = lhB.read(Lakehouse.SILVER, e.table());
      for (String c : pseudonyms) {
        Set<String> va = values(fromA, c);
        Set<String> vb = values(fromB, c);
        assertEquals(va.size(), vb.size(), e.table() + "." + c + ": one pseudonym per value");
        Set<String> shared = new HashSet<>(va);
        shared.retainAll(vb);
        assertEquals(Set.of(), shared, e.table() + "." + c + " under another key");
        checked += va.size();
      }
      // everything but the pseudonyms is the same
      String[] drop = pseudonyms.toArray(new String[0]);
      assertEquals(
          LakehouseState.rows(fromA.drop(drop)),
          LakehouseState.rows(fromB.drop(drop)),
          e.table() + " without pseudonyms");
    }
    assertTrue(checked >= 300, checked + " pseudonyms compared");
  }

  @Test
  void aLakehouseRefusesADifferentKey() {
    Lakehouse lh = FaultRuns.lakehouse(lakehouseA);
    Map<String, Long> published = new Publications(lh).latest();
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () ->
                FaultRuns.nightly(
                    lakehouseA,
                    landing.toString(),
                    "2025-11-22",
                    NightlyOptions.DEFAULT,
                    "pseudonym.key",
                    KEY_B));
    assertEquals("PSEUDONYM_KEY_CHANGED", e.code());
    assertEquals(published, new Publications(lh).latest());
  }

  /** Pseudonym columns of an entity in silver ({@code lead_key} for leads). */
  private static List<String> pseudonymColumns(Entity e) {
    List<String> out = new ArrayList<>();
    for (Field f : e.fields()) {
      if (f.pii() != Pii.NONE) {
        out.add(f.silverName());
      }
    }
    if (e == Entity.LEADS) {
      out.add("lead_key");
    }
    return out;
  }

  /** Distinct non-null values of a column (a few hundred here). */
  private static Set<String> values(Dataset<Row> df, String column) {
    Set<String> out = new HashSet<>();
    for (Row r : df.select(column).distinct().collectAsList()) {
      if (!r.isNullAt(0)) {
        out.add(r.getString(0));
      }
    }
    return out;
  }
}
