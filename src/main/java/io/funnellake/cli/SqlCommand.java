package io.funnellake.cli;

import io.funnellake.config.FunnelConfig;
import io.funnellake.lakehouse.Catalog;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code funnel sql}: Spark SQL over the lakehouse, printed as CSV with a header line. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run Spark SQL against the lakehouse and print CSV with a header line.",
      "Tables: bronze.*, silver.*, gold.* (published versions) and ops.* (ingest_log, quarantine,",
      "run_log, publish_log, quality_results). Example: SELECT * FROM silver.leads LIMIT 5"
    })
public final class SqlCommand implements Callable<Integer> {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  @Mixin ConfigOptions configOptions;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement.")
  String query;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Print at most N rows (default: all, streamed).")
  Long limit;

  @Override
  public Integer call() {
    FunnelConfig config = configOptions.load();
    SparkJob.run(
        config,
        "sql",
        lakehouse -> {
          Catalog.register(lakehouse);
          Dataset<Row> result = lakehouse.spark().sql(query);
          if (limit != null) {
            result = result.limit(limit.intValue());
          }
          print(result, System.out);
          return null;
        });
    return 0;
  }

  /** Streams partition by partition: memory stays bounded whatever the result size. */
  static void print(Dataset<Row> result, PrintStream out) {
    String[] names = result.columns();
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      header.append(i == 0 ? "" : ",").append(csv(names[i]));
    }
    out.println(header);
    Iterator<Row> it = result.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(i == 0 ? "" : ",").append(csv(value(r.get(i))));
      }
      out.println(line);
    }
    out.flush();
  }

  private static String value(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Timestamp t) {
      return ISO.format(t.toInstant());
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.collection.JavaConverters.seqAsJavaList(s).toString();
    }
    return v.toString();
  }

  static String csv(String s) {
    if (s.isEmpty()) {
      return s;
    }
    boolean quote =
        s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
