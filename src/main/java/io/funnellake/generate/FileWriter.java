package io.funnellake.generate;

import io.funnellake.contract.Entity;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one partition of export rows, sorted by (entity, file date, sort key), as one file per
 * (entity, file date): {@code <out>/<entity>/<date>/<entity>-<date>.csv[.gz]} with the contract's
 * header. Returns one row of {@link #STATS} per file. A retried task rewrites the same bytes.
 */
final class FileWriter implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType STATS =
      new StructType()
          .add("entity", DataTypes.StringType, false)
          .add("file_date", DataTypes.StringType, false)
          .add("path", DataTypes.StringType, false)
          .add("rows", DataTypes.LongType, false)
          .add("bytes", DataTypes.LongType, false);

  private final String root;
  private final boolean gzip;
  private final Map<String, String> hadoop;

  FileWriter(String root, boolean gzip, Map<String, String> hadoop) {
    this.root = root;
    this.gzip = gzip;
    this.hadoop = hadoop;
  }

  static String relativePath(String entity, String date, boolean gzip) {
    return entity + "/" + date + "/" + entity + "-" + date + (gzip ? ".csv.gz" : ".csv");
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) throws IOException {
    Configuration conf = new Configuration(false);
    hadoop.forEach(conf::set);
    List<Row> stats = new ArrayList<>();
    Path base = new Path(root);
    // a private instance: switching off .crc side files must not affect other users of the cache
    try (FileSystem fs = FileSystem.newInstance(base.toUri(), conf)) {
      fs.setWriteChecksum(false);
      String entity = null;
      String date = null;
      Path path = null;
      Writer out = null;
      long count = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        String e = row.getString(0);
        String d = row.getString(1);
        if (!e.equals(entity) || !d.equals(date)) {
          if (out != null) {
            out.close();
            stats.add(stat(fs, entity, date, path, count));
          }
          entity = e;
          date = d;
          count = 0;
          path = new Path(base, relativePath(e, d, gzip));
          out = open(fs, path);
          out.write(Csv.header(Entity.byTable(e).orElseThrow()));
          out.write('\n');
        }
        out.write(row.getString(3));
        out.write('\n');
        count++;
      }
      if (out != null) {
        out.close();
        stats.add(stat(fs, entity, date, path, count));
      }
    }
    return stats.iterator();
  }

  private Writer open(FileSystem fs, Path path) throws IOException {
    OutputStream raw = fs.create(path, true);
    // GZIPOutputStream writes a zero mtime, so gzipped files are byte-identical across runs
    OutputStream body = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
    return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), 1 << 16);
  }

  private static Row stat(FileSystem fs, String entity, String date, Path path, long count) {
    try {
      long bytes = fs.getFileStatus(path).getLen();
      return RowFactory.create(entity, date, path.toString(), count, bytes);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot stat " + path, ex);
    }
  }
}
