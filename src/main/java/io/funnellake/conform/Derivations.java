package io.funnellake.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.funnellake.config.ConformSettings;
import io.funnellake.config.StageSettings;
import io.funnellake.contract.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Fills derived fields the same way for every source, from {@code funnel.conform}: channel from
 * lead source, sourced-by from channel, region from country, company size from employee count,
 * is_won / is_closed from the stage, and normalised (lower snake case) category values. A value the
 * source provides is never overwritten. Runs on typed rows, before pseudonymisation, and adds
 * {@code email_domain} to leads.
 */
public final class Derivations {
  private Derivations() {}

  public static Dataset<Row> apply(
      Dataset<Row> typed, Entity entity, ConformSettings conform, StageSettings stages) {
    return switch (entity) {
      case LEADS ->
          typed
              .withColumn(
                  "channel", coalesce(category(col("channel")), category(col("lead_source"))))
              .withColumn(
                  "sourced_by", coalesce(col("sourced_by"), sourcedBy(col("channel"), conform)))
              .withColumn("region", coalesce(col("region"), region(col("country"), conform)))
              .withColumn(
                  "company_size",
                  coalesce(col("company_size"), sizeBand(col("employee_count"), conform)))
              .withColumn("is_deleted", coalesce(col("is_deleted"), lit(false)))
              .withColumn(
                  "email_domain",
                  when(
                      col("email").contains("@"),
                      lower(trim(substring_index(col("email"), "@", -1)))));
      case ACCOUNTS ->
          typed
              .withColumn("region", coalesce(col("region"), region(col("country"), conform)))
              .withColumn(
                  "company_size",
                  coalesce(col("company_size"), sizeBand(col("employee_count"), conform)))
              .withColumn("is_deleted", coalesce(col("is_deleted"), lit(false)));
      case CAMPAIGNS ->
          typed
              .withColumn("campaign_type", category(col("campaign_type")))
              .withColumn("channel", coalesce(category(col("channel")), col("campaign_type")))
              .withColumn("is_deleted", coalesce(col("is_deleted"), lit(false)));
      case CAMPAIGN_RESPONSES -> typed.withColumn("channel", category(col("channel")));
      case OPPORTUNITIES ->
          typed
              .withColumn(
                  "sourced_by",
                  coalesce(col("sourced_by"), sourcedBy(category(col("lead_source")), conform)))
              .withColumn(
                  "is_won", coalesce(col("is_won"), col("stage").equalTo(stages.opportunityWon())))
              .withColumn(
                  "is_closed",
                  coalesce(
                      col("is_closed"),
                      col("stage").isin(stages.opportunityWon(), stages.opportunityLost())))
              .withColumn("is_deleted", coalesce(col("is_deleted"), lit(false)));
      case CURRENCY_RATES ->
          typed
              .withColumn("currency", upper(col("currency")))
              .withColumn("quote_currency", upper(col("quote_currency")));
      default -> typed;
    };
  }

  /** "Paid Search" and "paid-search" both become "paid_search". */
  public static Column category(Column c) {
    return lower(regexp_replace(trim(c), "[\\s\\-/]+", "_"));
  }

  static Column sourcedBy(Column channel, ConformSettings conform) {
    return when(channel.isin(conform.salesChannels().toArray()), lit("sales"))
        .when(channel.isin(conform.partnerChannels().toArray()), lit("partner"))
        .otherwise(lit("marketing"));
  }

  static Column region(Column country, ConformSettings conform) {
    if (conform.countryToRegion().isEmpty()) {
      return lit(null).cast("string");
    }
    List<Column> kv = new ArrayList<>();
    for (Map.Entry<String, String> e : conform.countryToRegion().entrySet()) {
      kv.add(lit(e.getKey()));
      kv.add(lit(e.getValue()));
    }
    return element_at(functions.map(kv.toArray(new Column[0])), upper(trim(country)));
  }

  static Column sizeBand(Column employees, ConformSettings conform) {
    Column out = lit(null).cast("string");
    List<ConformSettings.SizeBand> bands = conform.sizeBands();
    for (int i = bands.size() - 1; i >= 0; i--) {
      out = when(employees.leq(bands.get(i).max()), lit(bands.get(i).label())).otherwise(out);
    }
    return when(employees.isNotNull().and(employees.geq(0)), out);
  }
}
