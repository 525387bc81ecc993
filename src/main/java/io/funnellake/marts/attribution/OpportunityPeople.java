package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.funnellake.marts.attribution.AttributionSettings.Matching;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.leads.LiveLeads;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The people whose touches belong to an opportunity, by matching mode: rows {@code (opportunity_id,
 * lead_id, contact_id)} with either id possibly null; lead ids are the surviving lead after merges.
 *
 * <ul>
 *   <li>{@code converted_lead}: the lead(s) whose conversion created the opportunity; their
 *       converted contacts match through {@link Touchpoints#resolveLeads}.
 *   <li>{@code contact_roles}: those, plus every contact role (its contact and, when known, its
 *       lead). Salesforce adds the converting contact as primary role, so this extends the first.
 *   <li>{@code account}: those, plus every live lead of the opportunity's account; refused when
 *       that would form more than {@code maxAccountPairs} pairs ({@link AccountPairs}).
 * </ul>
 */
public final class OpportunityPeople {
  private OpportunityPeople() {}

  public static Dataset<Row> of(
      Dataset<Row> opportunities,
      Dataset<Row> leads,
      Dataset<Row> contactRoles,
      Matching matching,
      long maxAccountPairs) {
    Inputs.require("OpportunityPeople", opportunities, "opportunity_id", "lead_id", "account_id");
    Inputs.require(
        "OpportunityPeople",
        leads,
        "lead_id",
        "account_id",
        "converted_opportunity_id",
        "merged_into_lead_id",
        "is_deleted");
    Inputs.require("OpportunityPeople", contactRoles, "opportunity_id", "contact_id", "lead_id");
    Dataset<Row> survivor =
        leads.select(
            col("lead_id").as("_m_lead_id"),
            coalesce(col("merged_into_lead_id"), col("lead_id")).as("_m_survivor"));
    Dataset<Row> known = opportunities.select(col("opportunity_id"));

    Dataset<Row> people =
        opportunities
            .filter(col("lead_id").isNotNull())
            .select(col("opportunity_id"), col("lead_id"), nullString("contact_id"))
            .unionByName(
                leads
                    .filter(col("converted_opportunity_id").isNotNull())
                    .select(
                        col("converted_opportunity_id").as("opportunity_id"),
                        coalesce(col("merged_into_lead_id"), col("lead_id")).as("lead_id"),
                        nullString("contact_id")));
    if (matching != Matching.CONVERTED_LEAD) {
      people =
          people.unionByName(
              contactRoles
                  .join(survivor, col("lead_id").equalTo(col("_m_lead_id")), "left")
                  .select(
                      col("opportunity_id"),
                      coalesce(col("_m_survivor"), col("lead_id")).as("lead_id"),
                      col("contact_id")));
    }
    if (matching == Matching.ACCOUNT) {
      // the guard counts exactly the rows the join pairs
      Dataset<Row> accountOpportunities = opportunities.filter(col("account_id").isNotNull());
      Dataset<Row> accountLeads = LiveLeads.of(leads).filter(col("account_id").isNotNull());
      AccountPairs.check(accountOpportunities, accountLeads, maxAccountPairs);
      people =
          people.unionByName(
              accountOpportunities
                  .select(col("opportunity_id"), col("account_id").as("_o_account_id"))
                  .join(
                      accountLeads.select(col("lead_id"), col("account_id").as("_l_account_id")),
                      col("_o_account_id").equalTo(col("_l_account_id")))
                  .select(col("opportunity_id"), col("lead_id"), nullString("contact_id")));
    }
    // only live opportunities in scope (leads may name deleted or unknown ones)
    return people.join(known, "opportunity_id").distinct();
  }

  private static org.apache.spark.sql.Column nullString(String name) {
    return lit(null).cast("string").as(name);
  }
}
