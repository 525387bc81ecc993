package io.funnellake.marts.common;

import static org.apache.spark.sql.functions.lit;

import java.time.ZoneId;
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

  public static Dataset<Row> explode(
      Dataset<Row> df,
      Column utcTimestamp,
      String startColumn,
      List<Periods.Grain> grains,
      ZoneId zone) {
    Dataset<Row> out = null;
    for (Periods.Grain g : grains) {
      Dataset<Row> one =
          df.withColumn("period_grain", lit(g.value()))
              .withColumn(startColumn, Periods.periodStart(utcTimestamp, g, zone));
      out = out == null ? one : out.unionByName(one);
    }
    return out;
  }
}
