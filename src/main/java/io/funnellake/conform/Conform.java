package io.funnellake.conform;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.contract.ValueSets;
import io.funnellake.ingest.mapping.EntityMapping;
import io.funnellake.ingest.mapping.FileFormat;
import io.funnellake.ingest.read.RawColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Typed, valid rows to silver rows: derived fields ({@link Derivations}), pseudonyms ({@link
 * Pseudonyms}), {@code lead_key} on leads, and the load metadata silver keeps ({@code _source},
 * {@code _source_file}, {@code _row_number}, {@code _load_id}, {@code _loaded_at}).
 */
public final class Conform {
  private Conform() {}

  public static Dataset<Row> silverRows(
      Dataset<Row> typed, Entity entity, FunnelConfig config, Pseudonyms pseudonyms) {
    Dataset<Row> valid = typed.filter(col(TypedColumns.REJECT_REASON).isNull());
    Dataset<Row> derived = Derivations.apply(valid, entity, config.conform(), config.stages());
    Dataset<Row> pseudo = pseudonyms.apply(derived, entity);
    if (entity == Entity.LEADS) {
      pseudo = pseudo.withColumn("lead_key", pseudonyms.leadKey(col("lead_id")));
    }
    return pseudo.drop(
        RawColumns.EXTRA,
        RawColumns.MAPPING,
        RawColumns.RAW,
        TypedColumns.REJECT_REASON,
        TypedColumns.UNKNOWN_VALUES);
  }

  /**
   * An empty frame with exactly the silver schema of an entity, built by running the same
   * conformance on no rows, so readers of a never-loaded entity get the right columns.
   */
  public static Dataset<Row> emptySilver(
      SparkSession spark, Entity entity, FunnelConfig config, Pseudonyms pseudonyms) {
    Dataset<Row> raw =
        spark
            .createDataFrame(new ArrayList<Row>(), RawColumns.readSchema(entity))
            .withColumn(RawColumns.LOAD_ID, org.apache.spark.sql.functions.lit("").cast("string"))
            .withColumn(RawColumns.LOADED_AT, org.apache.spark.sql.functions.current_timestamp());
    Dataset<Row> typed =
        Typing.apply(raw, identityMapping(entity), ValueSets.resolve(config.stages()));
    return silverRows(typed, entity, config, pseudonyms);
  }

  private static EntityMapping identityMapping(Entity entity) {
    Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
    entity.fieldNames().forEach(f -> columns.put(f, List.of(f)));
    return new EntityMapping(
        "(schema)",
        "schema",
        entity.table(),
        entity,
        entity.table(),
        List.of(),
        false,
        FileFormat.CSV,
        ',',
        '"',
        "UTF-8",
        columns,
        true,
        Map.of(),
        Map.of(),
        null,
        null,
        List.of(),
        List.of("yyyy-MM-dd'T'HH:mm:ssXXX"),
        List.of("yyyy-MM-dd"),
        "UTC",
        List.of("true"),
        List.of("false"),
        EntityMapping.UnknownValues.QUARANTINE,
        "",
        Map.of());
  }
}
