package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.PartitionedIncrementalMart;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.PeriodGrains;
import io.funnellake.marts.common.Periods;
import io.funnellake.marts.leads.LiveLeads;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A gold aggregate of lead stage entries whose groups, windows included, lie within one {@code
 * dimension_key} and which does not depend on the run date: a night rebuilds only the dimension
 * combinations that a changed lead was or is in. A lead's entries and dimensions change only with
 * its rows of {@code silver.leads} and {@code silver.lead_status_history}, or with its owner's row
 * of {@code silver.reps} (the team).
 */
abstract class DimensionPartitionedMart extends DefinedMart implements PartitionedIncrementalMart {
  DimensionPartitionedMart(String name, List<String> grain, String description) {
    super(Lakehouse.GOLD, name, grain, description);
  }

  @Override
  public final String key() {
    return "lead_id";
  }

  @Override
  public final List<Entity> keySources() {
    return LeadStageEvents.LEAD_SOURCES;
  }

  @Override
  public final List<Entity> relatedSources() {
    return List.of(Entity.REPS);
  }

  /** A changed rep changes the team of the leads it owns. */
  @Override
  public final Dataset<Row> keysOf(Entity related, Dataset<Row> changedRows, MartContext ctx) {
    if (related != Entity.REPS) {
      throw new IllegalArgumentException(name() + " reads no " + related.table() + " per lead");
    }
    return ctx.silver(Entity.LEADS)
        .join(changedRows.select(col("rep_id").as("owner_id")), "owner_id", "left_semi")
        .select(key());
  }

  @Override
  public final String partitionTable() {
    return LeadFunnel.NAME;
  }

  @Override
  public final String partition() {
    return LeadDimensions.KEY;
  }

  @Override
  public final List<String> keyTables() {
    return List.of(LeadStageEvents.NAME);
  }

  @Override
  public final Column outputPartition(FunnelConfig config) {
    return LeadDimensions.key(FunnelSettings.of(config).dimensionKeySeed());
  }

  @Override
  public final String settings(FunnelConfig config) {
    return FunnelSettings.of(config) + " zone=" + config.reportingZone();
  }

  @Override
  public final List<Class<?>> logic() {
    return List.of(
        getClass(),
        DimensionPartitionedMart.class,
        Aggregates.class,
        PeriodGrains.class,
        Periods.class,
        StageEvents.class,
        LeadStageEvents.class,
        LeadFunnel.class,
        LeadDimensions.class,
        LeadDimensionKeys.class,
        LiveLeads.class);
  }
}
