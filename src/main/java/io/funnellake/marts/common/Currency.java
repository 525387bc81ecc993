package io.funnellake.marts.common;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Converts amounts into the reporting currency with the rate of the row's date: the rate of the
 * amount's currency with the latest {@code rate_date} on or before that date (an as-of join with
 * {@code silver.currency_rates}). The reporting currency itself has rate 1; an amount without a
 * currency is taken to be in the reporting currency.
 *
 * <p>Usable rates are positive and quote the reporting currency (or leave {@code quote_currency}
 * empty). An amount with no usable rate on or before its date is not dropped: its converted amount
 * is null and {@code is_<out>_rate_missing} is true, so callers can count and report it.
 *
 * <p>The as-of join is a sort, not a range join: rows and rates of one currency are ordered by date
 * (a rate before a row of the same day) and each row takes the last rate seen, so the cost grows
 * with rows + rates rather than rows x rates.
 */
public final class Currency {
  /** Converted amounts: money with cents. */
  public static final DecimalType AMOUNT = DataTypes.createDecimalType(18, 2);

  private static final DecimalType RATE = DataTypes.createDecimalType(18, 8);
  private static final String CUR = "_fx_currency";
  private static final String DATE = "_fx_date";
  private static final String KIND = "_fx_kind";
  private static final String RATE_COL = "_fx_rate";
  private static final String FOUND = "_fx_found";

  private Currency() {}

  /**
   * Adds {@code out} (decimal(18,2), the amount in the reporting currency, null when the amount is
   * null or no rate is usable) and {@code is_<out>_rate_missing} (boolean: an amount exists but has
   * no usable rate on or before {@code date}).
   *
   * @param rows any frame; its columns are kept
   * @param amount amount column of {@code rows}
   * @param currency ISO currency column of {@code rows}
   * @param date the date whose rate applies (a date column expression)
   * @param rates {@code silver.currency_rates} ({@code currency, rate_date, rate, quote_currency})
   * @param reportingCurrency ISO code amounts are converted into
   * @param out name of the added amount column
   */
  public static Dataset<Row> toReporting(
      Dataset<Row> rows,
      String amount,
      String currency,
      Column date,
      Dataset<Row> rates,
      String reportingCurrency,
      String out) {
    Inputs.require("Currency.toReporting", rows, amount, currency);
    Inputs.require("Currency.toReporting", rates, "currency", "rate_date", "rate");
    String reporting = reportingCurrency.trim().toUpperCase(java.util.Locale.ROOT);
    Column quote =
        java.util.Arrays.asList(rates.columns()).contains("quote_currency")
            ? upper(trim(col("quote_currency")))
            : lit(null).cast("string");
    Dataset<Row> usable =
        rates
            .filter(
                col("rate")
                    .gt(0)
                    .and(col("currency").isNotNull())
                    .and(col("rate_date").isNotNull())
                    .and(quote.isNull().or(quote.equalTo(reporting))))
            .select(
                upper(trim(col("currency"))).as(CUR),
                col("rate_date").as(DATE),
                col("rate").cast(RATE).as(RATE_COL),
                lit(0).as(KIND));
    Dataset<Row> tagged =
        rows.withColumn(CUR, upper(trim(coalesce(col(currency), lit(reporting)))))
            .withColumn(DATE, date.cast("date"))
            .withColumn(KIND, lit(1));
    WindowSpec upToRow =
        Window.partitionBy(CUR)
            .orderBy(col(DATE).asc_nulls_first(), col(KIND))
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column rate = when(col(CUR).equalTo(reporting), lit(1).cast(RATE)).otherwise(col(FOUND));
    Column hasAmount = col(amount).isNotNull();
    return tagged
        .unionByName(usable, true)
        .withColumn(FOUND, last(col(RATE_COL), true).over(upToRow))
        .filter(col(KIND).equalTo(1))
        .withColumn(out, col(amount).cast(AMOUNT).multiply(rate).cast(AMOUNT))
        .withColumn("is_" + out + "_rate_missing", hasAmount.and(rate.isNull()))
        .drop(CUR, DATE, KIND, RATE_COL, FOUND);
  }
}
