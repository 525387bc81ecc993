package io.funnellake.marts.common;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One copy of each row per configured period grain: adds {@code period_grain} (week, month...) and
 * a period start column cut in the reporting zone, so one table serves every grain. Readers filter
 * on {@code period_grain}; summing across grains counts a row once per grain.
 */
public final class PeriodGrains {
  private PeriodGrains() {}

  private static final String PERIODS = "_period_grains";

  /**
   * The copies come from one generator over {@code df}: a union of per-grain copies would compute
   * {@code df} (its scans and joins) once per grain.
   */
  public static Dataset<Row> explode(
      Dataset<Row> df,
      Column utcTimestamp,
      String startColumn,
      List<Periods.Grain> grains,
      ZoneId zone) {
    Column[] periods = new Column[grains.size()];
    for (int i = 0; i < periods.length; i++) {
      Periods.Grain g = grains.get(i);
      periods[i] =
          struct(
              lit(g.value()).as("period_grain"),
              Periods.periodStart(utcTimestamp, g, zone).as(startColumn));
    }
    // the grain columns replace any of the same name, as withColumn would
    Dataset<Row> withPeriods =
        df.withColumn(PERIODS, array(periods)).drop("period_grain", startColumn);
    List<Column> out = new ArrayList<>();
    for (String c : withPeriods.columns()) {
      if (!c.equals(PERIODS)) {
        out.add(col("`" + c.replace("`", "``") + "`"));
      }
    }
    out.add(inline(col(PERIODS)));
    return withPeriods.select(out.toArray(new Column[0]));
  }
}
