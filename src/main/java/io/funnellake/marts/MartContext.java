package io.funnellake.marts;

import io.funnellake.config.FunnelConfig;
import io.funnellake.conform.Conform;
import io.funnellake.conform.Pseudonyms;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What a mart may read: silver entities, earlier marts and the run's configuration. Marts read
 * through this class only, so tests can hand a mart prepared frames via {@link #withTables}.
 */
public class MartContext {
  private final Lakehouse lakehouse;
  private final FunnelConfig config;
  private final Pseudonyms pseudonyms;
  private final Map<String, Dataset<Row>> overrides;
  private final Consumer<String> beforeRead;

  public MartContext(Lakehouse lakehouse, FunnelConfig config, Pseudonyms pseudonyms) {
    this(lakehouse, config, pseudonyms, Map.of(), table -> {});
  }

  private MartContext(
      Lakehouse lakehouse,
      FunnelConfig config,
      Pseudonyms pseudonyms,
      Map<String, Dataset<Row>> overrides,
      Consumer<String> beforeRead) {
    this.lakehouse = lakehouse;
    this.config = config;
    this.pseudonyms = pseudonyms;
    this.overrides = overrides;
    this.beforeRead = beforeRead;
  }

  /**
   * A context whose tables ({@code "silver.leads"}, {@code "silver.int_x"}) are the given frames.
   */
  public MartContext withTables(Map<String, Dataset<Row>> tables) {
    return new MartContext(lakehouse, config, pseudonyms, tables, beforeRead);
  }

  /** This context with one more table (or silver entity) replaced by the given frame. */
  public MartContext withTable(String layerDotName, Dataset<Row> frame) {
    Map<String, Dataset<Row>> tables = new HashMap<>(overrides);
    tables.put(layerDotName, frame);
    return withTables(tables);
  }

  /**
   * A context that calls {@code beforeRead} with {@code "<layer>.<name>"} before it reads a table
   * of {@link #table}: a concurrent build waits there for the mart that writes it in this run.
   */
  public MartContext withBeforeRead(Consumer<String> beforeRead) {
    return new MartContext(lakehouse, config, pseudonyms, overrides, beforeRead);
  }

  public SparkSession spark() {
    return lakehouse.spark();
  }

  public FunnelConfig config() {
    return config;
  }

  public LocalDate runDate() {
    return config.runDate();
  }

  public ZoneId reportingZone() {
    return config.reportingZone();
  }

  public Pseudonyms pseudonyms() {
    return pseudonyms;
  }

  /** A silver entity; empty with the right schema when it was never loaded. */
  public Dataset<Row> silver(Entity entity) {
    Dataset<Row> o = overrides.get(Lakehouse.SILVER + "." + entity.table());
    if (o != null) {
      return o;
    }
    if (lakehouse.exists(Lakehouse.SILVER, entity.table())) {
      return lakehouse.read(Lakehouse.SILVER, entity.table());
    }
    // an empty leaf with the silver schema: the conform plan itself is large, and marts that read
    // several never-loaded entities several times would otherwise analyse it over and over
    StructType schema =
        EMPTY_SCHEMAS.computeIfAbsent(
            entity, e -> Conform.emptySilver(lakehouse.spark(), e, config, pseudonyms).schema());
    return lakehouse.spark().createDataFrame(new ArrayList<Row>(), schema);
  }

  /** Silver schemas of never-loaded entities (they depend on the contract only). */
  private static final Map<Entity, StructType> EMPTY_SCHEMAS = new ConcurrentHashMap<>();

  /** A table written earlier in this run, e.g. {@code table(SILVER, "int_lead_stage_events")}. */
  public Dataset<Row> table(String layer, String name) {
    Dataset<Row> o = overrides.get(layer + "." + name);
    if (o != null) {
      return o;
    }
    beforeRead.accept(layer + "." + name);
    return lakehouse.read(layer, name);
  }
}
