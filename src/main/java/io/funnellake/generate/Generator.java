package io.funnellake.generate;

import static org.apache.spark.sql.functions.col;

import io.funnellake.contract.Entity;
import io.funnellake.errors.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Generates the synthetic company into a landing folder in the canonical layout
 * (conf/sources/canonical.conf). Per-lead and per-account rows are generated inside Spark tasks
 * from (seed, index) alone; the rows are then grouped by (entity, file date), sorted by time and
 * key, and written one file per group from the executors, so that memory stays bounded whatever the
 * number of leads and the same options always give the same bytes under the same names.
 */
public final class Generator {
  /** Leads per generation task. */
  private static final long LEADS_PER_TASK = 20_000;

  /** Leads per write task; about 100 MB of CSV. */
  private static final long LEADS_PER_WRITER = 40_000;

  private Generator() {}

  public static GenerateSummary run(SparkSession spark, GenerateOptions options) {
    Company co = new Company(options);
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    String root = prepare(options, hadoopConf);
    int parallelism = spark.sparkContext().defaultParallelism();

    Dataset<Row> leads =
        spark
            .range(0, options.leads(), 1, partitions(options.leads(), LEADS_PER_TASK, parallelism))
            .flatMap(new UnitRows(co, false), Encoders.row(Export.SCHEMA));
    Dataset<Row> accounts =
        spark
            .range(0, co.accounts, 1, partitions(co.accounts, LEADS_PER_TASK, parallelism))
            .flatMap(new UnitRows(co, true), Encoders.row(Export.SCHEMA));
    Dataset<Row> reference = spark.createDataFrame(ReferenceData.rows(co), Export.SCHEMA);

    Map<String, String> hadoop = new HashMap<>();
    for (Map.Entry<String, String> e : hadoopConf) {
      hadoop.put(e.getKey(), e.getValue());
    }
    spark.sparkContext().setJobDescription("generate " + options.leads() + " leads");
    List<Row> files =
        leads
            .union(accounts)
            .union(reference)
            .repartition(
                partitions(options.leads(), LEADS_PER_WRITER, parallelism),
                col(Export.ENTITY),
                col(Export.FILE_DATE))
            .sortWithinPartitions(Export.ENTITY, Export.FILE_DATE, Export.SORT_KEY, Export.LINE)
            .mapPartitions(
                new FileWriter(root, options.gzip(), hadoop), Encoders.row(FileWriter.STATS))
            // one small row per written file
            .collectAsList();
    return new GenerateSummary(root, files);
  }

  private static int partitions(long items, long perPartition, int parallelism) {
    long wanted = (items + perPartition - 1) / perPartition;
    return (int) Math.max(parallelism, Math.min(100_000, wanted));
  }

  /** Qualified output root; entity folders left from an earlier run are refused or removed. */
  private static String prepare(GenerateOptions options, Configuration conf) {
    String out = options.out();
    Path root =
        new Path(
            out.contains("://") || out.startsWith("/")
                ? out
                : new java.io.File(out).getAbsolutePath());
    try {
      FileSystem fs = root.getFileSystem(conf);
      for (Entity e : Entity.values()) {
        Path folder = new Path(root, e.table());
        if (fs.exists(folder)) {
          if (!options.overwrite()) {
            throw Errors.outputNotEmpty(fs.makeQualified(root).toString(), e.table());
          }
          fs.delete(folder, true);
        }
      }
      return fs.makeQualified(root).toString();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot prepare output folder " + out, ex);
    }
  }

  /** The export rows of one lead or one account, by index. */
  private static final class UnitRows implements FlatMapFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final Company co;
    private final boolean accounts;

    UnitRows(Company co, boolean accounts) {
      this.co = co;
      this.accounts = accounts;
    }

    @Override
    public Iterator<Row> call(Long index) {
      List<Row> rows =
          accounts ? Accounts.rows(co, Math.toIntExact(index)) : LeadJourney.rows(co, index);
      return rows.iterator();
    }
  }
}
