package io.funnellake.marts.attribution;

import static io.funnellake.testing.TestFrames.silver;
import static io.funnellake.testing.TestFrames.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnellake.contract.Entity;
import io.funnellake.errors.FunnelException;
import io.funnellake.marts.attribution.AttributionSettings.Matching;
import io.funnellake.marts.leads.LiveLeads;
import io.funnellake.testing.TestFrames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Account matching's size guard. Pairs by hand: account A has 3 opportunities and 2 live leads (a
 * deleted lead and a merged-away one do not count) = 6; B 1 x 4 = 4; F and E 1 x 1 each; C has an
 * opportunity but no lead, D a lead but no opportunity, and rows without an account pair with
 * nothing: 12 in all.
 */
class AccountPairsTest {
  static Dataset<Row> opportunities() {
    return strings(
        "opportunity_id,lead_id,account_id",
        "OA1,,A",
        "OA2,,A",
        "OA3,,A",
        "OB1,,B",
        "OC1,,C",
        "OF1,,F",
        "OE1,,E",
        "ON1,,");
  }

  static Dataset<Row> leads() {
    return silver(
        Entity.LEADS,
        "lead_id,account_id,merged_into_lead_id,is_deleted",
        "LA1,A,,false",
        "LA2,A,,false",
        "LA3,A,,true",
        "LA4,A,LA1,false",
        "LB1,B,,false",
        "LB2,B,,false",
        "LB3,B,,false",
        "LB4,B,,false",
        "LD1,D,,false",
        "LF1,F,,false",
        "LE1,E,,false",
        "LN1,,,false");
  }

  static Dataset<Row> people(Matching matching, long cap) {
    return OpportunityPeople.of(
        opportunities(),
        leads(),
        strings("opportunity_id,contact_id,lead_id", "OB1,K1,"),
        matching,
        cap);
  }

  @Test
  void countsOpportunitiesTimesLiveLeadsPerAccount() {
    assertEquals(12, AccountPairs.check(opportunities(), LiveLeads.of(leads()), 12));
    // at the cap the pairs are formed: exactly those, plus the contact role
    assertEquals(
        List.of(
            "[OA1,LA1,null]",
            "[OA1,LA2,null]",
            "[OA2,LA1,null]",
            "[OA2,LA2,null]",
            "[OA3,LA1,null]",
            "[OA3,LA2,null]",
            "[OB1,LB1,null]",
            "[OB1,LB2,null]",
            "[OB1,LB3,null]",
            "[OB1,LB4,null]",
            "[OB1,null,K1]",
            "[OE1,LE1,null]",
            "[OF1,LF1,null]"),
        TestFrames.sortedRows(people(Matching.ACCOUNT, 12)));
  }

  @Test
  void aboveTheCapTheBuildFailsBeforeAnyPairNamingTheThreeLargestAccounts() {
    // E and F tie at one pair: the account id decides, and only three accounts are named
    FunnelException e = assertThrows(FunnelException.class, () -> people(Matching.ACCOUNT, 11));
    assertEquals("ATTRIBUTION_TOO_MANY_ACCOUNT_PAIRS", e.code());
    assertEquals(
        "Account matching would pair 12 opportunity x lead combinations, more than"
            + " 'funnel.attribution.max_account_pairs' (11). Largest accounts (opportunities x"
            + " live leads): A (3 x 2), B (1 x 4), E (1 x 1).",
        e.problem());
    assertEquals(
        "Use funnel.attribution.matching = contact_roles (people on the opportunity), or raise"
            + " 'funnel.attribution.max_account_pairs' if the cluster can take that many rows;"
            + " the run did not publish.",
        e.fix());
  }

  @Test
  void otherMatchingModesFormNoAccountPairsAndAreNotCapped() {
    assertEquals(
        List.of("[OB1,null,K1]"), TestFrames.sortedRows(people(Matching.CONTACT_ROLES, 1)));
  }
}
