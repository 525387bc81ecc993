package io.funnellake.marts.attribution;

import static io.funnellake.marts.attribution.MarkovChainTest.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel rows of the data-driven models, worked by hand; conservation; input order. */
class AttributionChannelEffectsTest {
  @TempDir Path tmp;

  /**
   * a>b: 2 conversions, 1 null; b: 1 conversion, 1 null; a: 1 null; c: 2 nulls (3 conversions).
   *
   * <pre>
   * markov: START->a 4/8, START->b 2/8, START->c 2/8; a->b 3/4; b->CONV 3/5; c->NULL
   *   P = 4/8 * 3/4 * 3/5 + 2/8 * 3/5 = 3/8; without a: 3/20 => RE_a = 3/5; without b: RE_b = 1;
   *   without c: P unchanged => RE_c = 0. Credit = RE / 1.6 x 3: a 1.125, b 1.875, c 0.
   * shapley: v(a) = 0, v(b) = 1, v(ab) = 3: phi_a = 0/2 + 2/2 = 1, phi_b = 1/2 + 3/2 = 2; c 0.
   * leave_one_out: a 2, b 3 (conversions of journeys containing them) => 1.2, 1.8 of 3.
   * journeys (conversions) touching a: 4 (2), b: 5 (3), c: 2 (0).
   * </pre>
   */
  static final List<Journeys.Path> PATHS =
      List.of(path(2, 1, "a", "b"), path(1, 1, "b"), path(0, 1, "a"), path(0, 2, "c"));

  Map<String, String> rows(List<Journeys.Path> paths) {
    AttributionSettings a =
        AttributionSettings.of(
            AttributionRun.config(tmp, "2025-11-20", "models", "[markov, shapley, leave_one_out]"));
    Map<String, String> out = new TreeMap<>();
    for (Row r : AttributionChannelEffects.rows(paths, a)) {
      out.put(
          r.getString(0) + "/" + r.getString(1),
          String.format(
              "%.9f %.9f %d %d", r.getDouble(2), r.getDouble(3), r.getLong(4), r.getLong(5)));
    }
    return out;
  }

  @Test
  void everyDataDrivenModelMatchesTheHandSolution() {
    Map<String, String> expected = new TreeMap<>();
    expected.put("markov/a", "0.600000000 1.125000000 4 2");
    expected.put("markov/b", "1.000000000 1.875000000 5 3");
    expected.put("markov/c", "0.000000000 0.000000000 2 0");
    expected.put("shapley/a", "1.000000000 1.000000000 4 2");
    expected.put("shapley/b", "2.000000000 2.000000000 5 3");
    expected.put("shapley/c", "0.000000000 0.000000000 2 0");
    expected.put("leave_one_out/a", "2.000000000 1.200000000 4 2");
    expected.put("leave_one_out/b", "3.000000000 1.800000000 5 3");
    expected.put("leave_one_out/c", "0.000000000 0.000000000 2 0");
    assertEquals(expected, rows(PATHS));
  }

  @Test
  void creditsSumToTheConversionsAndAreNeverNegative() {
    Map<String, Double> sums = new TreeMap<>();
    AttributionSettings a =
        AttributionSettings.of(
            AttributionRun.config(tmp, "2025-11-20", "models", "[markov, shapley, leave_one_out]"));
    List<Journeys.Path> paths =
        List.of(
            path(5, 2, "a", "b", "a"),
            path(1, 4, "c"),
            path(3, 0, "b", "c", "d"),
            path(0, 7, "d", "a"),
            path(2, 2, "e"));
    for (Row r : AttributionChannelEffects.rows(paths, a)) {
      assertTrue(r.getDouble(2) >= 0 && r.getDouble(3) >= 0, r.toString());
      sums.merge(r.getString(0), r.getDouble(3), Double::sum);
    }
    assertEquals(3, sums.size());
    sums.forEach((model, total) -> assertEquals(11.0, total, 1e-9, model));
  }

  @Test
  void theSameRowsWhateverTheOrderOfThePaths() {
    List<Journeys.Path> reversed = new ArrayList<>(PATHS);
    Collections.reverse(reversed);
    assertEquals(rows(PATHS), rows(reversed));
  }
}
