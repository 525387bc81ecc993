package io.funnellake.marts.common;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.funnellake.contract.Entity;
import io.funnellake.testing.TestFrames;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CurrencyTest {
  static Dataset<Row> rates() {
    return TestFrames.silver(
        Entity.CURRENCY_RATES,
        "currency,rate_date,rate,quote_currency",
        "EUR,2025-01-01,1.10,",
        "EUR,2025-02-01,1.20,USD",
        "GBP,2025-01-15,1.25,USD",
        // quotes another currency: not usable for USD reporting
        "GBP,2025-01-20,9.99,EUR",
        // not a usable rate
        "JPY,2025-01-01,0,");
  }

  @Test
  void amountsTakeTheLatestRateOnOrBeforeTheirDateAndMissingRatesAreFlagged() {
    Dataset<Row> rows =
        TestFrames.strings(
                "id,amount,currency,day",
                "between_two_rate_dates,100,EUR,2025-01-15",
                "on_a_rate_date,100,EUR,2025-02-01",
                "after_the_last_rate,100,EUR,2026-06-30",
                "before_any_rate,100,EUR,2024-12-31",
                "reporting_currency,100,USD,2020-01-01",
                "no_currency_means_reporting,100,,2020-01-01",
                "other_quote_ignored,100,GBP,2025-01-25",
                "lower_case_currency,100,eur,2025-01-15",
                "rounds_half_up,0.05,EUR,2025-01-15",
                "zero_rate_unusable,100,JPY,2025-03-01",
                "no_amount,,EUR,2024-12-31",
                "no_date,100,EUR,")
            .withColumn("amount", col("amount").cast("decimal(18,2)"));
    Dataset<Row> out =
        Currency.toReporting(
            rows.repartition(3), "amount", "currency", col("day"), rates(), "usd", "converted");
    assertEquals(
        List.of(
            "[after_the_last_rate,120.00,false]",
            "[before_any_rate,null,true]",
            "[between_two_rate_dates,110.00,false]",
            "[lower_case_currency,110.00,false]",
            "[no_amount,null,false]",
            "[no_currency_means_reporting,100.00,false]",
            "[no_date,null,true]",
            "[on_a_rate_date,120.00,false]",
            "[other_quote_ignored,125.00,false]",
            "[reporting_currency,100.00,false]",
            "[rounds_half_up,0.06,false]",
            "[zero_rate_unusable,null,true]"),
        TestFrames.sortedRows(out.select("id", "converted", "is_converted_rate_missing")));
    // every input row comes out once, with its own columns
    assertEquals(List.of("id", "amount", "currency", "day"), List.of(out.columns()).subList(0, 4));
  }
}
