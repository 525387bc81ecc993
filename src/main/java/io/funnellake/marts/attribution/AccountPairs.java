package io.funnellake.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.funnellake.errors.Errors;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The size guard of account matching. Every live lead of an opportunity's account belongs to it, so
 * an account with O opportunities and L live leads adds O x L pairs before the touch windows cut
 * them: a few very large accounts make that billions of rows. Counted per account before any pair
 * is formed (a sum reaches the driver; on failure also the {@link #SHOWN} largest accounts).
 */
final class AccountPairs {
  /** How many of the largest accounts the error names. */
  static final int SHOWN = 3;

  private AccountPairs() {}

  /**
   * The pairs account matching forms: opportunities x leads with the same account, summed over
   * accounts. Fails with the largest accounts named when above {@code cap}.
   *
   * @param opportunities the opportunities the join pairs (with a non-null {@code account_id})
   * @param liveLeads the leads it pairs them with (live, with a non-null {@code account_id})
   */
  static long check(Dataset<Row> opportunities, Dataset<Row> liveLeads, long cap) {
    Dataset<Row> perAccount =
        perAccount(opportunities, "_opportunities")
            .join(perAccount(liveLeads, "_leads"), "account_id")
            .select(
                col("account_id"),
                col("_opportunities"),
                col("_leads"),
                col("_opportunities").multiply(col("_leads")).as("_pairs"));
    long pairs = perAccount.agg(coalesce(sum("_pairs"), lit(0L))).first().getLong(0);
    if (pairs <= cap) {
      return pairs;
    }
    List<String> largest =
        perAccount
            .orderBy(col("_pairs").desc(), col("account_id"))
            .limit(SHOWN)
            .collectAsList()
            .stream()
            .map(r -> String.format("%s (%,d x %,d)", r.getString(0), r.getLong(1), r.getLong(2)))
            .toList();
    throw Errors.tooManyAccountPairs(
        pairs, cap, AttributionSettings.MAX_ACCOUNT_PAIRS_KEY, largest);
  }

  private static Dataset<Row> perAccount(Dataset<Row> rows, String countAs) {
    return rows.groupBy("account_id").agg(count(lit(1)).as(countAs));
  }
}
