package io.funnellake.marts.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.testing.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantsTest {
  static final String BANDS =
      "bands = [{name = hot, min = 50}, {name = warm, min = 20, max = 50}, {name = cold, max = 20}]";

  static String variant(String body) {
    return "variant {\n id = v\n" + body + "\n}";
  }

  static FunnelException bad(String body) {
    return assertThrows(
        FunnelException.class, () -> Variants.parse("conf/scoring/v.conf", variant(body)));
  }

  @Test
  void theShippedVariantsParse() {
    List<Variant> all =
        Variants.loadDir(TestConfigs.projectDir().resolve("conf/scoring").toString());
    assertEquals(
        List.of("challenger_behaviour", "champion"), all.stream().map(Variant::id).toList());
    Variant champion = all.get(1);
    assertEquals(50.0, champion.threshold());
    assertEquals(5, champion.fit().size());
    assertEquals(5, champion.behaviour().size());
    assertEquals(14.0, all.get(0).halfLifeDays());
  }

  @Test
  void theCanonicalJsonParsesBackToAnEqualVariant() {
    for (Variant v :
        Variants.loadDir(TestConfigs.projectDir().resolve("conf/scoring").toString())) {
      Variant back = Variants.parse(v.source(), Variants.toJson(v));
      assertEquals(v, back);
    }
  }

  @Test
  void anUnknownFieldNamesTheFileAndTheRule() {
    FunnelException e =
        bad("threshold = 10\n" + BANDS + "\nfit = [{id = ttl, points = 5, titel = vp}]");
    assertEquals("VARIANT_INVALID", e.code());
    assertEquals(
        "Scoring variant conf/scoring/v.conf, rule 'fit.ttl': unknown field 'titel';"
            + " fit rules may use [title, industry, company_size, employee_count, country,"
            + " region, persona, channel, sourced_by, lead_source, email_domain]",
        e.problem());
  }

  @Test
  void aFieldThatRecordsTheOutcomeIsRefusedAsLeakage() {
    FunnelException e =
        bad("threshold = 10\n" + BANDS + "\nfit = [{id = st, points = 50, status = sql}]");
    assertTrue(e.problem().contains("rule 'fit.st'"), e.problem());
    assertTrue(e.problem().contains("'status' records the outcome"), e.problem());
  }

  @Test
  void aBadRegexNamesTheRule() {
    FunnelException e =
        bad(
            "threshold = 10\n"
                + BANDS
                + "\nbehaviour = [{id = pricing, points = 5, page = {regex = \"/pricing(\"}}]");
    assertTrue(
        e.problem()
            .startsWith(
                "Scoring variant conf/scoring/v.conf, rule 'behaviour.pricing': field"
                    + " 'page': bad regex /pricing( (Unclosed group"),
        e.problem());
  }

  @Test
  void aMissingThresholdIsNamed() {
    FunnelException e = bad(BANDS + "\nfit = [{id = a, points = 5, title = vp}]");
    assertEquals(
        "Scoring variant conf/scoring/v.conf, rule 'threshold': missing: every variant needs its"
            + " MQL threshold (score >= it)",
        e.problem());
  }

  @Test
  void overlappingBandsAreRefused() {
    FunnelException e =
        bad(
            "threshold = 10\nbands = [{name = hot, min = 50}, {name = warm, min = 20, max = 60},"
                + " {name = cold, max = 20}]");
    assertEquals(
        "Scoring variant conf/scoring/v.conf, rule 'bands.warm': [20.0, 60.0) overlaps band"
            + " 'hot' [50.0, +inf)",
        e.problem());
  }

  @Test
  void unsortedBandsAreRefused() {
    FunnelException e =
        bad(
            "threshold = 10\nbands = [{name = warm, min = 20, max = 50}, {name = hot, min = 50},"
                + " {name = cold, max = 20}]");
    assertEquals(
        "Scoring variant conf/scoring/v.conf, rule 'bands.hot': has no max but is not the"
            + " highest band (listed first)",
        e.problem());
    FunnelException e2 =
        bad(
            "threshold = 10\nbands = [{name = hot, min = 50}, {name = cold, max = 20},"
                + " {name = warm, min = 20, max = 50}]");
    assertEquals(
        "Scoring variant conf/scoring/v.conf, rule 'bands.warm': bands must be listed from the"
            + " highest score to the lowest, but [20.0, 50.0) comes after band 'cold'"
            + " [-inf, 20.0)",
        e2.problem());
  }

  @Test
  void aGapBetweenBandsIsRefused() {
    FunnelException e =
        bad(
            "threshold = 10\nbands = [{name = hot, min = 50}, {name = warm, min = 20, max = 40},"
                + " {name = cold, max = 20}]");
    assertEquals(
        "Scoring variant conf/scoring/v.conf, rule 'bands.warm': leaves a gap below band 'hot':"
            + " scores in [40.0, 50.0) fall in no band",
        e.problem());
  }

  @Test
  void otherMistakesAreNamedToo() {
    assertTrue(
        bad("threshold = 10\n" + BANDS + "\ncolour = red")
            .problem()
            .contains("rule 'colour': unknown key"));
    assertTrue(
        bad("threshold = 10\n"
                + BANDS
                + "\nfit = [{id = a, points = 1, title = x}, {id = a, points = 2, industry = y}]")
            .problem()
            .contains("rule 'fit.a': the id is used by another rule"));
    assertTrue(
        bad("threshold = 10\n"
                + BANDS
                + "\nbehaviour = [{id = d, points = 1, response_type = demo_requets}]")
            .problem()
            .contains("unknown response_type 'demo_requets'"));
    assertTrue(
        bad("threshold = 10\n" + BANDS + "\nfit = [{id = a, title = x}]")
            .problem()
            .contains("rule 'fit.a': missing points"));
    assertTrue(
        bad("threshold = 10\n" + BANDS + "\nfit = [{id = a, points = 1, title = {min = 3}}]")
            .problem()
            .contains("field 'title' is text"));
    assertTrue(
        bad("threshold = 10\n" + BANDS + "\ndecay { half_life_days = 0 }")
            .problem()
            .contains("rule 'decay.half_life_days': must be > 0"));
    assertTrue(
        bad("threshold = 10\n" + BANDS + "\nfit = [{id = a, points = 1, title = {like = x}}]")
            .problem()
            .contains("unknown match kind 'like'"));
  }
}
