package io.funnellake.marts.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.lead_scores}: every open lead scored as of the run date (all events up to the end of
 * the run date in the reporting zone) by the champion, the variants of {@code
 * funnel.scoring.nightly.variants} and, when the live split is on, the arms' variants. Open = live
 * lead created by then whose current status is one of {@code nightly.open_statuses} (default lead,
 * mql, sal, recycled). With the split on, {@code split_arm} is the lead's arm and {@code
 * is_serving} marks the arm's variant (the score sales should act on); otherwise the champion
 * serves. Leads are identified by {@code lead_key} only.
 */
public final class LeadScores extends DefinedMart {
  public static final String NAME = "lead_scores";

  public LeadScores() {
    super(
        Lakehouse.GOLD,
        NAME,
        List.of("lead_key", "variant_id"),
        "Open leads scored as of the run date by the champion (and shadow or split variants).");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    ScoringSettings s = ScoringSettings.of(ctx.config());
    Set<String> ids = new LinkedHashSet<>();
    ids.add(s.champion());
    ids.addAll(s.nightlyVariants());
    boolean split = s.split().enabled();
    if (split) {
      s.split().arms().forEach(a -> ids.add(a.variant()));
    }
    List<Variant> variants = Variants.byIds(s.variantsDir(), new ArrayList<>(ids));
    Instant end = ctx.runDate().plusDays(1).atStartOfDay(ctx.reportingZone()).toInstant();
    // the last instant of the run date: events at or before it count
    Timestamp asOf = Timestamp.from(end.minusNanos(1000));
    Dataset<Row> open =
        ScoringInputs.leads(ctx.silver(Entity.LEADS))
            .filter(
                col("status")
                    .isin(s.openStatuses().toArray())
                    .and(col("created_at").leq(lit(asOf))))
            .withColumn("decision_at", lit(asOf));
    Dataset<Row> events =
        ScoringInputs.events(
            ctx.silver(Entity.CAMPAIGN_RESPONSES),
            ctx.silver(Entity.CONTENT_ASSETS),
            ctx.silver(Entity.CAMPAIGNS));
    Dataset<Row> scored = PointInTimeScoring.score(variants, open, events);
    Column serving = col("variant_id").equalTo(s.champion());
    Column arm = lit(null).cast("string");
    if (split) {
      scored = HashSplit.assign(scored, s.split().salt(), s.split().arms());
      arm = col("arm");
      serving = lit(false);
      for (HashSplit.Arm a : s.split().arms()) {
        serving =
            when(col("arm").equalTo(a.name()), col("variant_id").equalTo(a.variant()))
                .otherwise(serving);
      }
    }
    return scored.select(
        col("lead_key"),
        col("variant_id"),
        col("variant_id").equalTo(s.champion()).as("is_champion"),
        arm.as("split_arm"),
        serving.as("is_serving"),
        col("score"),
        col("band"),
        col("is_mql"),
        col("top_reasons"),
        col("decision_at").as("scored_at"));
  }
}
