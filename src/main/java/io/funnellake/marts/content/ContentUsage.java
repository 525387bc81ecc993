package io.funnellake.marts.content;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.Currency;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import io.funnellake.marts.common.Joins;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.common.Periods;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.content_usage}: content interactions ({@link ContentInteractions}) per period grain
 * ({@code funnel.content.period_grains}), period of the interaction, asset, the lead's persona and
 * the lead's stage at the interaction: interactions (downloads / views), distinct leads, leads of
 * the asset's target persona, and the opportunities the asset influenced: opportunities of those
 * leads whose touch cutoff ({@code int_attribution_opportunities.cutoff_at}: close, or the end of
 * the run date while open) is at or after the interaction, with won revenue (reporting currency).
 * Influence is not attribution: one deal counts for every asset its lead used. Assets published by
 * the end of a period (or undated) and not used in it get one row with persona and stage {@code
 * none}, zero counts and {@code is_unused}; periods are those with any content interaction.
 */
public final class ContentUsage extends DefinedMart {
  public static final String NAME = "content_usage";
  static final List<String> KEY =
      List.of("period_grain", "period_start", "content_id", "persona", "lead_stage");

  public ContentUsage() {
    super(
        Lakehouse.GOLD,
        NAME,
        KEY,
        "Content use per asset, persona, lead stage and period; influenced pipeline; unused"
            + " assets.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    Dataset<Row> assets = ctx.silver(Entity.CONTENT_ASSETS);
    Dataset<Row> interactions = ctx.table(Lakehouse.SILVER, ContentInteractions.NAME);
    return usage(
        interactions,
        ctx.table(Lakehouse.SILVER, "int_attribution_opportunities"),
        assets,
        ContentSettings.of(ctx.config()).grains(),
        ctx.reportingZone());
  }

  public static Dataset<Row> usage(
      Dataset<Row> interactions,
      Dataset<Row> opportunities,
      Dataset<Row> assets,
      List<Periods.Grain> grains,
      ZoneId zone) {
    Inputs.require(
        opportunities,
        "ContentUsage(opportunities)",
        "opportunity_id",
        "lead_id",
        "cutoff_at",
        "is_won",
        "won_amount");
    Inputs.require(
        assets,
        "ContentUsage(assets)",
        "content_id",
        "title",
        "asset_type",
        "target_persona",
        "funnel_stage",
        "published_at");
    Column[] key = KEY.stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> periods =
        PeriodGrains.explode(interactions, col("responded_at"), "period_start", grains, zone);
    Dataset<Row> use =
        periods
            .groupBy(key)
            .agg(
                countDistinct("response_id").as("total_interactions"),
                countDistinct("lead_id").as("total_leads"),
                countDistinct(when(col("is_target_persona"), col("lead_id")))
                    .as("total_target_persona_leads"));
    Dataset<Row> o =
        opportunities.select(
            col("opportunity_id"),
            col("lead_id").as("_opp_lead"),
            col("cutoff_at"),
            col("is_won"),
            col("won_amount"));
    // each influenced deal once per row, so its revenue is summed once
    Dataset<Row> influenced =
        periods
            .join(
                o,
                col("lead_id")
                    .equalTo(col("_opp_lead"))
                    .and(col("responded_at").leq(col("cutoff_at"))))
            .select(
                col("period_grain"),
                col("period_start"),
                col("content_id"),
                col("persona"),
                col("lead_stage"),
                col("opportunity_id"),
                col("is_won"),
                col("won_amount"))
            .distinct()
            .groupBy(key)
            .agg(
                countDistinct("opportunity_id").as("total_opportunities_influenced"),
                countDistinct(when(col("is_won"), col("opportunity_id")))
                    .as("total_won_influenced"),
                sum(when(col("is_won"), col("won_amount")))
                    .cast(Currency.AMOUNT)
                    .as("won_revenue_influenced"));
    List<String> assetKey = List.of("period_grain", "period_start", "content_id");
    Dataset<Row> share =
        periods
            .groupBy(assetKey.stream().map(c -> col(c)).toArray(Column[]::new))
            .agg(
                round(
                        countDistinct(when(col("is_target_persona"), col("lead_id")))
                            .divide(countDistinct("lead_id")),
                        4)
                    .as("asset_target_persona_share"));
    Dataset<Row> used =
        use.join(influenced, Joins.using(KEY), "left")
            .join(share, Joins.using(assetKey), "left")
            .withColumn("is_unused", lit(false));
    Dataset<Row> a =
        assets.select(
            col("content_id"),
            col("title"),
            col("asset_type"),
            col("target_persona"),
            col("funnel_stage").as("asset_funnel_stage"),
            col("published_at"));
    Dataset<Row> unused =
        periods
            .select("period_grain", "period_start")
            .distinct()
            .crossJoin(a.select("content_id", "published_at"))
            .filter(col("published_at").isNull().or(publishedBy(col("published_at"), grains, zone)))
            .join(
                used.select(col("period_grain"), col("period_start"), col("content_id")),
                Joins.using(assetKey),
                "left_anti")
            .select(
                col("period_grain"),
                col("period_start"),
                col("content_id"),
                lit("none").as("persona"),
                lit("none").as("lead_stage"),
                lit(0L).as("total_interactions"),
                lit(0L).as("total_leads"),
                lit(0L).as("total_target_persona_leads"),
                lit(0L).as("total_opportunities_influenced"),
                lit(0L).as("total_won_influenced"),
                lit(0).cast(Currency.AMOUNT).as("won_revenue_influenced"),
                lit(null).cast("double").as("asset_target_persona_share"),
                lit(true).as("is_unused"));
    Dataset<Row> all = used.unionByName(unused);
    return all.join(a.drop("published_at"), "content_id", "left")
        .select(
            col("period_grain"),
            col("period_start"),
            col("content_id"),
            col("persona"),
            col("lead_stage"),
            col("title"),
            col("asset_type"),
            col("target_persona"),
            col("asset_funnel_stage"),
            col("is_unused"),
            org.apache
                .spark
                .sql
                .functions
                .coalesce(
                    org.apache
                        .spark
                        .sql
                        .functions
                        .lower(col("persona"))
                        .equalTo(
                            org.apache.spark.sql.functions.lower(
                                org.apache.spark.sql.functions.trim(col("target_persona")))),
                    lit(false))
                .as("is_target_persona"),
            col("total_interactions"),
            col("total_leads"),
            col("total_target_persona_leads"),
            org.apache
                .spark
                .sql
                .functions
                .coalesce(col("total_opportunities_influenced"), lit(0L))
                .as("total_opportunities_influenced"),
            org.apache
                .spark
                .sql
                .functions
                .coalesce(col("total_won_influenced"), lit(0L))
                .as("total_won_influenced"),
            org.apache
                .spark
                .sql
                .functions
                .coalesce(col("won_revenue_influenced"), lit(0).cast(Currency.AMOUNT))
                .as("won_revenue_influenced"),
            col("asset_target_persona_share"));
  }

  /** The asset was published by the end of the row's period (its period start is not later). */
  private static Column publishedBy(Column publishedAt, List<Periods.Grain> grains, ZoneId zone) {
    Column c = lit(false);
    for (Periods.Grain g : grains) {
      c =
          c.or(
              col("period_grain")
                  .equalTo(g.value())
                  .and(Periods.periodStart(publishedAt, g, zone).leq(col("period_start"))));
    }
    return c;
  }
}
