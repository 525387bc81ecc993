package io.funnellake.marts.funnel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.funnellake.errors.Errors;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.MartContext;
import io.funnellake.marts.common.DefinedMart;
import io.funnellake.marts.common.Inputs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.int_lead_dimensions}: each combination of dimension values of {@code
 * int_lead_funnel} under its {@code dimension_key}, where the funnel aggregates take the dimension
 * names from. Two combinations with one key (a 64-bit hash: under one chance in 10^7 at a million
 * combinations) fail the build with both named, before any mart could merge them.
 */
public final class LeadDimensionKeys extends DefinedMart {
  public static final String NAME = "int_lead_dimensions";

  public LeadDimensionKeys() {
    super(
        Lakehouse.SILVER,
        NAME,
        List.of(LeadDimensions.KEY),
        "Each combination of lead dimension values, by the dimension_key aggregates group by.");
  }

  @Override
  public Dataset<Row> build(MartContext ctx) {
    return of(ctx.table(Lakehouse.SILVER, LeadFunnel.NAME));
  }

  public static Dataset<Row> of(Dataset<Row> leads) {
    List<String> required = new ArrayList<>(List.of(LeadDimensions.KEY));
    required.addAll(LeadDimensions.NAMES);
    Inputs.require(leads, "LeadDimensionKeys", required.toArray(String[]::new));
    Column values = struct(LeadDimensions.columns().toArray(new Column[0]));
    Dataset<Row> byKey =
        leads.groupBy(LeadDimensions.KEY).agg(min(values).as("_values"), max(values).as("_other"));
    // bounded: at most one row comes back
    List<Row> clash = byKey.filter(col("_values").notEqual(col("_other"))).limit(1).collectAsList();
    if (!clash.isEmpty()) {
      Row c = clash.get(0);
      throw Errors.dimensionKeyCollision(
          c.getLong(0), c.getStruct(1).toString(), c.getStruct(2).toString());
    }
    return byKey.select(col(LeadDimensions.KEY), col("_values.*"));
  }
}
