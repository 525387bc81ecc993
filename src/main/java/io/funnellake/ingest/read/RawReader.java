package io.funnellake.ingest.read;

import static org.apache.spark.sql.functions.col;

import io.funnellake.config.IngestSettings;
import io.funnellake.ingest.mapping.EntityMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads landing files of one mapping in parallel, one file per task, with {@link FileRows}. The
 * result is persisted so that accounting, bronze, quarantine and silver all use one read.
 */
public final class RawReader {
  private RawReader() {}

  /**
   * @param rows every record as a row of {@link RawColumns#readSchema}, broken ones with {@code
   *     _error}; call {@link #release()} when done
   * @param summaries one per file
   */
  public record Result(Dataset<Row> rows, List<FileSummary> summaries, Dataset<Row> cached) {
    public void release() {
      cached.unpersist(false);
    }
  }

  public static Result read(
      SparkSession spark, EntityMapping mapping, List<String> files, IngestSettings settings) {
    StructType schema = RawColumns.readSchema(mapping.entity());
    HashMap<String, String> hadoop = new HashMap<>();
    for (Map.Entry<String, String> e : spark.sparkContext().hadoopConfiguration()) {
      hadoop.put(e.getKey(), e.getValue());
    }
    int maxLines = settings.maxRecordLines();
    int maxChars = settings.maxFieldChars();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parallelism =
        settings.readPartitions() > 0 ? settings.readPartitions() : jsc.defaultParallelism();
    int slices = Math.max(1, Math.min(files.size(), parallelism * 4));
    JavaRDD<Row> rdd =
        jsc.parallelize(new ArrayList<>(files), slices)
            .flatMap(
                path -> {
                  Configuration conf = new Configuration(false);
                  hadoop.forEach(conf::set);
                  return new FileRows(path, mapping, maxLines, maxChars, conf);
                });
    Dataset<Row> all = spark.createDataFrame(rdd, schema).persist(StorageLevel.MEMORY_AND_DISK());
    int extraIdx = schema.fieldIndex(RawColumns.EXTRA);
    int fileIdx = schema.fieldIndex(RawColumns.SOURCE_FILE);
    List<FileSummary> summaries = new ArrayList<>();
    // one row per file: bounded by the number of files of this run
    for (Row r : all.filter(col(RawColumns.KIND).equalTo(RawColumns.KIND_FILE)).collectAsList()) {
      summaries.add(FileRows.summary(r, extraIdx, fileIdx));
    }
    return new Result(
        all.filter(col(RawColumns.KIND).equalTo(RawColumns.KIND_ROW)), summaries, all);
  }
}
